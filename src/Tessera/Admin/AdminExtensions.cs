using Tessera.Accounts;
using Tessera.Canvas;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Payments;

namespace Tessera.Admin;

/// <summary>The operator's API under <c>/admin/v1</c>, behind the operator key: every module maps its admin routes onto this group.</summary>
public static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithGroupName(SurfaceRegistry.Admin).RequireOperator();
        admin.MapAccountsAdmin();
        admin.MapLedgerAdmin();
        admin.MapCanvasAdmin();
        admin.MapLightningAdmin();
        return endpoints;
    }
}
