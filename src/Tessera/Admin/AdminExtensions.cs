using Tessera.Accounts;
using Tessera.Canvas;
using Tessera.Canvas.Placements;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Payments;

namespace Tessera.Admin;

/// <summary>The operator's API under <c>/admin/v1</c>, behind the operator key: every module maps its admin routes onto this group.</summary>
public static class AdminExtensions
{
    /// <summary>The operator API is a surface like the seed APIs (its error shape, its OpenAPI document), at a fixed path base
    /// and with a document only the operator key may read.</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder) =>
        builder.AddSurface(new SurfaceDescriptor(SurfaceRegistry.Admin, "/admin/v1", ProblemDetailsShape.Instance)
        {
            Title = "operator API",
            PathBaseConfigurable = false,
            PublicDocument = false,
            Map = endpoints => endpoints.MapAdmin(),
        });

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithGroupName(SurfaceRegistry.Admin).RequireOperator();
        admin.MapAccountsAdmin();
        admin.MapLedgerAdmin();
        admin.MapCanvasAdmin();
        admin.MapPlacementsAdmin();
        admin.MapLightningAdmin();
        return endpoints;
    }
}
