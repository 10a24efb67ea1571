namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>Agents and referrals: <c>POST/GET /api/agent</c>, <c>/api/agent/stats</c>, <c>/api/agent/convert</c>, <c>/api/referral</c>.</summary>
public static class OmpAgentEndpoints
{
    public static RouteGroupBuilder MapOmpAgents(this RouteGroupBuilder api) => api;
}
