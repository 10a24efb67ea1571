using System.Reflection;
using System.Text;

namespace Tessera.Tests.Architecture;

/// <summary>
/// Surfaces translate; modules decide (ARCHITECTURE.md). A surface that signs or verifies something itself (an MPP
/// challenge id, a credential) holds a business rule, so no surface type may use System.Security.Cryptography: that
/// work goes through a module (Payments' MppChallenges, Verification, Storage's secret protector).
/// </summary>
public sealed class SurfaceRuleTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                                          | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_surface_signs_or_verifies_anything_itself()
    {
        var found = new StringBuilder();
        var surfaces = typeof(Tessera.Hosting.TesseraApp).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith("Tessera.Surfaces.", StringComparison.Ordinal) == true);
        foreach (var type in surfaces)
        {
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                foreach (var member in TypeReferences.FromIl(method))
                {
                    var used = member as Type ?? member.DeclaringType;
                    if (used?.Namespace?.StartsWith("System.Security.Cryptography", StringComparison.Ordinal) == true)
                    {
                        found.AppendLine($"{type.FullName}.{method.Name} uses {used.FullName}.{member.Name}");
                    }
                }
            }
        }

        Assert.True(found.Length == 0, "Surface types using cryptography (move the rule into its module):\n" + found);
    }
}
