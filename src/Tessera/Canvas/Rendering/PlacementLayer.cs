namespace Tessera.Canvas.Rendering;

/// <summary>Which image of each placement a render shows: the public one, or the agent-only one (the public one where a placement has none).</summary>
public enum PlacementLayer
{
    Public,
    Agent,
}
