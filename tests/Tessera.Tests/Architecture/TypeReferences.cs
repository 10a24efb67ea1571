using System.Reflection;
using System.Reflection.Emit;

namespace Tessera.Tests.Architecture;

/// <summary>
/// Every type a type of the Tessera assembly uses: its base type and interfaces, its fields, properties and method
/// signatures, and every type, method or field its IL names (calls, <c>new</c>, casts, <c>typeof</c>, field loads), with
/// generic arguments. Lambdas, local functions and async state machines are nested types, so they count for the type
/// that declares them. Reflection over the built assembly, not over the source: a fully qualified name or an implicit
/// parent-namespace lookup is caught the same as a <c>using</c>.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                                          | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The outermost declaring type of each type <paramref name="type"/> references, within its own assembly.</summary>
    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? referenced)
        {
            if (referenced is null)
            {
                return;
            }

            if (referenced.HasElementType)
            {
                Add(referenced.GetElementType());
                return;
            }

            if (referenced.IsGenericType && !referenced.IsGenericTypeDefinition)
            {
                foreach (var argument in referenced.GetGenericArguments())
                {
                    Add(argument);
                }

                Add(referenced.GetGenericTypeDefinition());
                return;
            }

            if (referenced.IsGenericParameter || referenced.Assembly != type.Assembly)
            {
                return;
            }

            found.Add(Outermost(referenced));
        }

        Add(type.BaseType);
        foreach (var implemented in type.GetInterfaces())
        {
            Add(implemented);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var member in FromIl(method))
            {
                switch (member)
                {
                    case Type referenced:
                        Add(referenced);
                        break;
                    case MethodBase called:
                        Add(called.DeclaringType);
                        foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                        {
                            Add(argument);
                        }

                        break;
                    case FieldInfo loaded:
                        Add(loaded.DeclaringType);
                        Add(loaded.FieldType);
                        break;
                }
            }
        }

        found.Remove(Outermost(type));
        return found;
    }

    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    /// <summary>Every method or constructor the IL of <paramref name="type"/> and its nested types calls or loads.</summary>
    public static IEnumerable<MethodBase> CallsOf(Type type)
    {
        var types = new List<Type> { type };
        for (var i = 0; i < types.Count; i++)
        {
            types.AddRange(types[i].GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        }

        return types.SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            .SelectMany(FromIl).OfType<MethodBase>();
    }

    /// <summary>The string literals (<c>ldstr</c>) in the methods of <paramref name="type"/> and its nested types.</summary>
    public static IEnumerable<string> StringsOf(Type type)
    {
        var types = new List<Type> { type };
        for (var i = 0; i < types.Count; i++)
        {
            types.AddRange(types[i].GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        }

        foreach (var method in types.SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared))))
        {
            foreach (var (code, token) in Operands(method))
            {
                if (code == OpCodes.Ldstr)
                {
                    yield return method.Module.ResolveString(token);
                }
            }
        }
    }

    /// <summary>Each instruction with a 4-byte token operand: its opcode and the token.</summary>
    private static IEnumerable<(OpCode Code, int Token)> Operands(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            il = null;
        }

        if (il is null)
        {
            yield break;
        }

        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineString:
                    yield return (code, BitConverter.ToInt32(il, position));
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += code.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }

    /// <summary>Every member (method, field, type) the IL of <paramref name="method"/> names, read through <see cref="Operands"/>.</summary>
    internal static IEnumerable<MemberInfo> FromIl(MethodBase method)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var (code, token) in Operands(method))
        {
            if (code.OperandType is not (OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok))
            {
                continue;
            }

            MemberInfo? member;
            try
            {
                member = method.Module.ResolveMember(token, typeArguments, methodArguments);
            }
            catch (Exception exception) when (exception is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
            {
                member = null;
            }

            if (member is not null)
            {
                yield return member;
            }
        }
    }
}
