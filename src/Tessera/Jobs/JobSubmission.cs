using System.Text.Json;
using Tessera.Http;

namespace Tessera.Jobs;

/// <summary>What a surface asks <see cref="JobService.SubmitAsync"/> to run. Null durations take the <see cref="JobsOptions"/> defaults.</summary>
/// <param name="Surface">The surface that owns the job (<c>dojo</c>, <c>engine</c> ...), recorded and shown back.</param>
/// <param name="Model">A generation job's model (its <c>apiId</c> in the model registry, which also prices it in credits); null for other kinds.</param>
/// <param name="Input">The request body, already validated by the surface (against the model's schema, for generation).</param>
/// <param name="HoldTimeout">How long the hold of a priced job lives (10 minutes by default); the deadline must be shorter.</param>
/// <param name="Deadline">From submission: past it the job fails <c>deadline_exceeded</c> (5 minutes by default).</param>
/// <param name="OutputLifetime">From submission: then the outputs are deleted and the job answers <c>expired</c> (24 h by default).</param>
/// <param name="Kind"><see cref="JobKinds.Generation"/> (the default) or the kind of a registered <see cref="IJobHandler"/>.</param>
/// <param name="Price">For kinds other than generation: the price in any ledger currency, or null for none.</param>
/// <param name="Id">The job's id when the caller made it beforehand (a <c>job_</c> id from <c>Ids.NewSequential</c>, so pages
/// keep their order): a scheduler records the id before it submits, so after a crash it can tell whether the job exists.</param>
public sealed record JobSubmission(
    string AccountId,
    string Surface,
    string? Model,
    JsonElement Input,
    string? WebhookUrl = null,
    TimeSpan? HoldTimeout = null,
    TimeSpan? Deadline = null,
    TimeSpan? OutputLifetime = null,
    string Kind = JobKinds.Generation,
    JobPrice? Price = null,
    string? Id = null);
