namespace Tessera.Jobs;

/// <summary>
/// What a job does. <see cref="Generation"/> is the Jobs module's own kind (a model run on the Engines' engines, priced
/// by the model in credits); every other kind is run by the <see cref="IJobHandler"/> its owning module registers.
/// </summary>
public static class JobKinds
{
    public const string Generation = "generation";

    /// <summary>Lowercase letters, digits and underscores, 1–40 characters (<c>batch_edit</c>, <c>bulk_mirror</c>).</summary>
    public static bool IsWellFormed(string? kind) =>
        kind is { Length: > 0 and <= 40 } && kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
