namespace Tessera.Jobs;

/// <summary><c>Tessera:Jobs</c>: workers, leases, retries, defaults of a submission, sweeps, signed URLs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Tessera:Jobs";

    /// <summary>Jobs this node runs at once; 0 makes a node that submits but never runs jobs.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a claim lasts without a heartbeat; the worker renews it every third of this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for jobs other nodes submitted (a local submit wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts per engine of a model's chain before the next engine is tried.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Backoff before retry n (1-based) after a transient failure: base × 2^(n−1), so 1 s, 2 s, 4 s ...</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DefaultHoldTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan DefaultOutputLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each node sweeps: unfinished holds and hooks of terminal jobs, expired outputs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after a terminal commit (or a failed try) the sweep takes over a job's hold and hooks.</summary>
    public TimeSpan FollowupDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <see cref="JobService.CancelAsync"/> waits for a running job's worker to stop it.</summary>
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The HMAC key of signed output URLs, shared by every node; unset, one is made once and kept in the database.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Offers the built-in <c>noop</c> model (1 credit, a 1×1 PNG) for benchmarks and crash tests.</summary>
    public bool NoopModel { get; set; }
}
