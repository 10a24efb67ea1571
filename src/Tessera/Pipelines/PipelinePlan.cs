using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Common;

namespace Tessera.Pipelines;

/// <summary>One step as asked: its name, its action, and its params (literals and references).</summary>
public sealed record PipelineStep(string Name, IPipelineAction Action, IReadOnlyDictionary<string, JsonNode?> Params);

/// <summary>
/// A checked pipeline: every step named once, every action known, every param known and of its type (literals) or a
/// reference to a field an earlier step's action gives; every required param given. A problem is a 400 naming the
/// step and the field, found before any step runs — a reference can only point back, so a cycle cannot be written.
/// </summary>
public sealed record PipelinePlan(IReadOnlyList<PipelineStep> Steps, bool StopOnError)
{
    public const int MaxNameLength = 40;

    public static bool IsName(string text) =>
        text.Length is > 0 and <= MaxNameLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Checks the request body <c>{steps: [{name, action, params}], stop_on_error}</c>.</summary>
    public static Result<PipelinePlan> Parse(JsonNode? body, PipelineActions actions, int maxSteps, Func<string, bool> hasScope)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(hasScope);
        if (body is not JsonObject root)
        {
            return Error.Validation("The body must be a JSON object: {\"steps\": [{\"name\", \"action\", \"params\"}], \"stop_on_error\"}.");
        }

        var stopOnError = true;
        if (root["stop_on_error"] is { } stop)
        {
            if (stop.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Error.Validation("'stop_on_error' must be true or false.");
            }

            stopOnError = stop.GetValue<bool>();
        }

        if (root["steps"] is not JsonArray steps || steps.Count == 0)
        {
            return Error.Validation("'steps' is required: a non-empty array of {name, action, params}.");
        }

        if (steps.Count > maxSteps)
        {
            return Error.Validation($"'steps' may hold at most {maxSteps} steps.");
        }

        var planned = new List<PipelineStep>();
        var earlier = new Dictionary<string, PipelineActionDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = Step(steps[i], i, actions, earlier, hasScope);
            if (!step.IsSuccess)
            {
                return step.Error;
            }

            planned.Add(step.Value);
            earlier[step.Value.Name] = step.Value.Action.Definition;
        }

        return new PipelinePlan(planned, stopOnError);
    }

    private static Result<PipelineStep> Step(
        JsonNode? node, int index, PipelineActions actions, Dictionary<string, PipelineActionDefinition> earlier, Func<string, bool> hasScope)
    {
        var at = $"steps[{index}]";
        if (node is not JsonObject step)
        {
            return Error.Validation($"{at} must be an object {{name, action, params}}.");
        }

        if (step["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || !IsName(name))
        {
            return Error.Validation($"{at}: 'name' is required: 1–{MaxNameLength} letters, digits, '_' or '-'.");
        }

        if (earlier.ContainsKey(name))
        {
            return Error.Validation($"Step '{name}': the name is used by an earlier step; names must be unique.");
        }

        if (step["action"] is not JsonValue actionValue || !actionValue.TryGetValue<string>(out var actionName) || actions.Find(actionName) is not { } action)
        {
            return Error.Validation($"Step '{name}': 'action' must be one of {string.Join(", ", actions.Names)}.");
        }

        var definition = action.Definition;
        if (!hasScope(definition.Scope))
        {
            return Error.Forbidden("forbidden", $"Step '{name}': the {definition.Name} action needs the key's '{definition.Scope}' scope.");
        }

        if (step["params"] is { } rawParams && rawParams is not JsonObject)
        {
            return Error.Validation($"Step '{name}': 'params' must be an object.");
        }

        var given = step["params"] as JsonObject ?? [];
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (param, value) in given)
        {
            if (definition.Param(param) is not { } declared)
            {
                return Error.Validation($"Step '{name}': unknown param '{param}' for {definition.Name} (its params: {string.Join(", ", definition.Params.Select(p => p.Name))}).");
            }

            var reference = PipelineReference.Of(value, out var problem);
            if (problem is not null)
            {
                return Error.Validation($"Step '{name}', param '{param}': {problem}.");
            }

            if (reference is not null)
            {
                if (!earlier.TryGetValue(reference.Step, out var source))
                {
                    return Error.Validation(string.Equals(reference.Step, name, StringComparison.Ordinal)
                        ? $"Step '{name}', param '{param}': {reference.Text} refers to the step itself; a step can use only earlier steps' outputs."
                        : $"Step '{name}', param '{param}': {reference.Text} refers to '{reference.Step}', which is not an earlier step.");
                }

                if (!source.HasOutput(reference.Path[0]))
                {
                    return Error.Validation($"Step '{name}', param '{param}': {reference.Text}: the {source.Name} action has no output '{reference.Path[0]}' (it gives {string.Join(", ", source.Outputs.Select(o => o.Name))}).");
                }
            }
            else if (declared.Coerce(PipelineReference.Literal(value)).Problem is { } invalid)
            {
                return Error.Validation($"Step '{name}', param '{param}' {invalid}.");
            }

            values[param] = value?.DeepClone();
        }

        if (definition.Params.FirstOrDefault(param => param.Required && !values.ContainsKey(param.Name)) is { } missing)
        {
            return Error.Validation($"Step '{name}', param '{missing.Name}' is required for {definition.Name}.");
        }

        return new PipelineStep(name, action, values);
    }
}
