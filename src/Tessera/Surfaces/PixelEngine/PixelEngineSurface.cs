using Tessera.Http;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>Pixel Engine's registration: <c>/engine</c>, its doc's error shape, its sections and llms.txt, its routes.</summary>
public static class PixelEngineSurface
{
    public const string Name = "engine";

    /// <summary>The seed doc's section names (the OpenAPI tags).</summary>
    public static class Sections
    {
        public const string Authentication = "Authentication";
        public const string Credits = "Credits";
        public const string Polling = "Polling";
    }

    public static IHostApplicationBuilder AddPixelEngine(this IHostApplicationBuilder builder) =>
        builder.AddSurface(new SurfaceDescriptor(Name, "/engine", PixelEngineErrorShape.Instance)
        {
            Title = "Pixel Engine",
            KeyPrefix = PixelEngineEndpoints.KeyPrefix,
            Sections = [Sections.Authentication, Sections.Credits, Sections.Polling],
            Guide = "/llms.txt",
            LlmsText = "/llms.txt",
            Map = endpoints => endpoints.MapPixelEngine(),
        });
}
