using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Tessera.Http;
using Tessera.Tests.Support;

namespace Tessera.Tests.Architecture;

/// <summary>
/// Each surface says everything the lower folders need to know of it on its <see cref="SurfaceDescriptor"/> (rate-policy
/// defaults, web assets, seed sections, discovery links), so adding a surface touches no lower folder: nothing but the
/// composition root (<c>Hosting</c>) and the surface itself names a surface's types, its policy names, sections or title,
/// and the shared folders do not even name a surface.
/// </summary>
public sealed class SurfaceDescriptorTests : IAsyncDisposable
{
    /// <summary>The folders every surface builds on, which hold no per-surface table.</summary>
    private static readonly string[] Shared = ["Http", "RateLimits", "Surfaces/Discovery"];

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Of(typeof(Tessera.Hosting.TesseraApp).Assembly));

    private readonly TesseraFactory _factory = new();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void No_folder_but_hosting_uses_a_concrete_surfaces_types()
    {
        var found = new StringBuilder();
        foreach (var (from, targets) in Graph.Value.Edges.Where(edge => edge.Key != "Hosting"))
        {
            foreach (var (to, why) in targets.Where(target => IsConcreteSurface(target.Key)))
            {
                found.AppendLine($"{from} → {to}: {string.Join("; ", why.Take(3))}");
            }
        }

        Assert.True(found.Length == 0, "Types of a surface used outside it:\n" + found);
    }

    [Fact]
    public void No_folder_but_the_surface_itself_spells_its_policy_names_sections_or_title()
    {
        var descriptors = _factory.Services.GetServices<SurfaceDescriptor>().ToList();
        Assert.Contains(descriptors, descriptor => descriptor.RatePolicies.Count > 0 && descriptor.Sections.Count > 0);
        var found = new StringBuilder();
        foreach (var descriptor in descriptors)
        {
            // Single-word section names ("Endpoints", "Authentication") are ordinary words other llms.txt files use as headings.
            var words = descriptor.RatePolicies.Keys.Concat(descriptor.Sections.Where(section => section.Contains(' ', StringComparison.Ordinal))).Append(descriptor.Title!).Where(word => word is not null && word != descriptor.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var type in AssemblyTypes().Where(type => FolderGraph.FolderOf(type) is { } folder && folder != "Hosting" && !OwnsDescriptor(type, descriptor)))
            {
                foreach (var literal in TypeReferences.StringsOf(type).Where(words.Contains).Distinct())
                {
                    found.AppendLine($"{type.FullName} spells \"{literal}\" of surface {descriptor.Name}");
                }
            }
        }

        Assert.True(found.Length == 0, "A surface's descriptor data spelled outside it:\n" + found);
    }

    [Fact]
    public void The_shared_folders_name_no_surface()
    {
        var names = _factory.Services.GetServices<SurfaceDescriptor>().Select(descriptor => descriptor.Name).ToHashSet(StringComparer.Ordinal);
        var found = AssemblyTypes()
            .Where(type => Shared.Contains(FolderGraph.FolderOf(type)))
            .SelectMany<Type, string>(type => TypeReferences.StringsOf(type).Where(names.Contains).Select(literal => $"{type.FullName} spells \"{literal}\""))
            .ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Every_public_surface_declares_its_title_sections_and_guide()
    {
        foreach (var descriptor in _factory.Services.GetServices<SurfaceDescriptor>().Where(descriptor => descriptor.PublicDocument))
        {
            Assert.False(string.IsNullOrEmpty(descriptor.Title), descriptor.Name);
            Assert.NotEmpty(descriptor.Sections);
            Assert.NotNull(descriptor.Guide);
        }
    }

    private static IEnumerable<Type> AssemblyTypes() => typeof(Tessera.Hosting.TesseraApp).Assembly.GetTypes().Where(type => type.DeclaringType is null);

    private static bool IsConcreteSurface(string folder) => folder.StartsWith("Surfaces/", StringComparison.Ordinal) && folder != "Surfaces/Discovery";

    /// <summary>A type of the surface folder that registers <paramref name="descriptor"/> (its error shape lives there too).</summary>
    private static bool OwnsDescriptor(Type type, SurfaceDescriptor descriptor) =>
        FolderGraph.FolderOf(type) == FolderGraph.FolderOf(descriptor.Map?.Method.DeclaringType ?? descriptor.ErrorShape.GetType());
}
