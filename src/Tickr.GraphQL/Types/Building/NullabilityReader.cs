using System.Reflection;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Nullability of one position of a member's type tree (the type itself, its generic arguments, its array element).
/// </summary>
internal sealed class NullTree
{
    private static readonly NullTree[] NoArgs = [];

    public NullTree(NullabilityState state, NullTree[] arguments, NullTree? element)
    {
        State = state;
        Arguments = arguments;
        Element = element;
    }

    public NullabilityState State { get; }
    public NullTree[] Arguments { get; }
    public NullTree? Element { get; }

    public static NullTree From(NullabilityInfo info) => Convert(info, null, null, 0, out _);

    /// <summary>
    /// Converts <paramref name="info"/>, correcting positions that are generic parameters in the open definition:
    /// NullabilityInfoContext reports both <c>T</c> and <c>T?</c> as nullable there, while the compiler's flags
    /// tell them apart (<c>T</c> is "as given": non-null for <c>Connection&lt;Event&gt;</c>).
    /// </summary>
    internal static NullTree Convert(NullabilityInfo info, Type? open, byte[]? flags, int index, out int next)
    {
        var state = info.ReadState;
        next = index;
        if (open is not null && flags is { Length: > 0 })
        {
            var isValue = open.IsGenericParameter
                ? (open.GenericParameterAttributes & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0
                : open.IsValueType;
            if (!isValue)
            {
                var flag = flags[Math.Min(next, flags.Length - 1)];
                next++;
                if (open.IsGenericParameter && !info.Type.IsValueType)
                {
                    state = flag switch
                    {
                        1 => NullabilityState.NotNull,
                        2 => NullabilityState.Nullable,
                        _ => state,
                    };
                }
            }
            if (open.IsGenericParameter)
            {
                open = null; // the argument's own structure carries no flags in this member
            }
        }
        NullTree? element = null;
        if (info.ElementType is { } e)
        {
            element = Convert(e, open?.IsArray == true ? open.GetElementType() : null, flags, next, out next);
        }
        var args = NoArgs;
        if (info.GenericTypeArguments.Length > 0)
        {
            var openArgs = open is { IsGenericType: true } ? open.GetGenericArguments() : null;
            args = new NullTree[info.GenericTypeArguments.Length];
            for (var i = 0; i < args.Length; i++)
            {
                var openArg = openArgs is not null && i < openArgs.Length ? openArgs[i] : null;
                args[i] = Convert(info.GenericTypeArguments[i], openArg, flags, next, out next);
            }
        }
        return new NullTree(state, args, element);
    }
}

/// <summary>Reads C# nullable annotations of properties, parameters and return values.</summary>
internal sealed class NullabilityReader
{
    private const string NullableAttributeName = "System.Runtime.CompilerServices.NullableAttribute";
    private const string NullableContextAttributeName = "System.Runtime.CompilerServices.NullableContextAttribute";

    private readonly NullabilityInfoContext _context = new();

    public NullTree Read(PropertyInfo property)
    {
        var info = _context.Create(property);
        if (property.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } constructed)
        {
            var open = (PropertyInfo)constructed.GetGenericTypeDefinition().GetMemberWithSameMetadataDefinitionAs(property);
            return NullTree.Convert(info, open.PropertyType, Flags(open.CustomAttributes, open), 0, out _);
        }
        return NullTree.From(info);
    }

    public NullTree Read(ParameterInfo parameter)
    {
        var info = _context.Create(parameter);
        if (parameter.Member is MethodBase { DeclaringType: { IsGenericType: true, IsGenericTypeDefinition: false } constructed } method)
        {
            var openMethod = (MethodBase)constructed.GetGenericTypeDefinition().GetMemberWithSameMetadataDefinitionAs(method);
            var openParameter = parameter.Position < 0 ? ((MethodInfo)openMethod).ReturnParameter : openMethod.GetParameters()[parameter.Position];
            return NullTree.Convert(info, openParameter.ParameterType, Flags(openParameter.CustomAttributes, openMethod), 0, out _);
        }
        return NullTree.From(info);
    }

    /// <summary>The member's own flags, else the nearest NullableContext (member, then enclosing types).</summary>
    private static byte[]? Flags(IEnumerable<CustomAttributeData> attributes, MemberInfo scope)
    {
        foreach (var a in attributes)
        {
            if (a.AttributeType.FullName == NullableAttributeName && a.ConstructorArguments.Count == 1)
            {
                var arg = a.ConstructorArguments[0];
                if (arg.Value is byte b) return [b];
                if (arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> list)
                {
                    var bytes = new byte[list.Count];
                    var i = 0;
                    foreach (var item in list) bytes[i++] = (byte)item.Value!;
                    return bytes;
                }
            }
        }
        for (MemberInfo? m = scope is PropertyInfo ? scope.DeclaringType : scope; m is not null; m = m.DeclaringType)
        {
            foreach (var a in m.CustomAttributes)
            {
                if (a.AttributeType.FullName == NullableContextAttributeName && a.ConstructorArguments is [{ Value: byte b }])
                {
                    return [b];
                }
            }
        }
        return null;
    }
}
