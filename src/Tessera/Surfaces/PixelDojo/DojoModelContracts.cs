using System.Text.Json;

namespace Tessera.Surfaces.PixelDojo;

/// <summary><c>GET /models</c>: every model this server offers on the dojo surface.</summary>
public sealed record DojoModelList(IReadOnlyList<DojoModel> Models, int Count);

/// <summary>A model as listed: what it makes and what it costs.</summary>
/// <param name="OutputKind"><c>image</c> or <c>video</c>.</param>
/// <param name="Available">False when the model cannot run on this server (its engine needs a program that is not
/// installed, e.g. ffmpeg); a run is then refused with 503 <c>model_unavailable</c>.</param>
/// <param name="UnavailableReason">Why not, when <paramref name="Available"/> is false; otherwise null.</param>
public sealed record DojoModel(
    string ApiId, string Name, string Description, string OutputKind, DojoPricing Pricing, DojoModelLinks Links, bool Available, string? UnavailableReason);

/// <summary>
/// The credit cost: <see cref="CreditCost"/> per <see cref="Unit"/> (<c>image</c>: each of <c>num_outputs</c>;
/// <c>second</c>: each second of <c>duration</c>, <see cref="DefaultDurationSeconds"/> when left out; <c>job</c>: fixed).
/// </summary>
public sealed record DojoPricing(decimal CreditCost, string Unit, decimal? DefaultDurationSeconds);

/// <summary>Absolute URLs of the model's routes.</summary>
public sealed record DojoModelLinks(string Self, string Schema, string Run);

/// <summary><c>GET /models/{apiId}</c>: the listing plus the input JSON schema.</summary>
public sealed record DojoModelDetails(
    string ApiId, string Name, string Description, string OutputKind, DojoPricing Pricing, DojoModelLinks Links, bool Available, string? UnavailableReason, JsonElement Schema);
