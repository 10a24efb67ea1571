namespace Tessera.Hosting;

/// <summary>
/// Routes added from outside the modules' own <c>Map...</c> calls: tests register probe endpoints this way
/// to exercise authentication and rate limits before the surfaces that use them exist.
/// </summary>
public interface IEndpointContributor
{
    void Map(IEndpointRouteBuilder endpoints);
}
