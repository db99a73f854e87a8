using System.Reflection;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// The GraphQL-relevant structure of a CLR type: list nesting and nullability at each level, with Task,
/// ValueTask, IAsyncEnumerable and Nullable&lt;T&gt; already removed.
/// </summary>
internal sealed class TypeShape
{
    private TypeShape(Type type, bool isNullable, TypeShape? element)
    {
        Type = type;
        IsNullable = isNullable;
        Element = element;
    }

    /// <summary>The CLR type at this level (Nullable&lt;T&gt; unwrapped to T).</summary>
    public Type Type { get; }

    public bool IsNullable { get; private set; }

    /// <summary>The element shape when this level is a list.</summary>
    public TypeShape? Element { get; }

    /// <summary>The innermost (non-list) CLR type.</summary>
    public Type NamedType => Element?.NamedType ?? Type;

    public int Depth => Element is null ? 1 : 1 + Element.Depth;

    public TypeShape WithNullability(IReadOnlyList<bool> nonNullLevels)
    {
        var level = this;
        foreach (var nonNull in nonNullLevels)
        {
            if (level is null) break;
            level.IsNullable = !nonNull;
            level = level.Element;
        }
        return this;
    }

    public void SetNullable(bool nullable) => IsNullable = nullable;

    /// <summary>Builds the shape of <paramref name="type"/> read through its nullability annotations.</summary>
    public static TypeShape Create(Type type, NullTree? info) => Build(type, info);

    private static TypeShape Build(Type type, NullTree? info)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var inner = Build(underlying, info?.Arguments is [var arg] ? arg : null);
            inner.IsNullable = true;
            return inner;
        }
        if (type.IsValueType)
        {
            return new TypeShape(type, false, null);
        }
        // Unknown (oblivious) annotations are read as nullable: safer than promising a value.
        var nullable = info is null || info.State != NullabilityState.NotNull;
        if (TryGetListElement(type, out var elementType))
        {
            NullTree? elementInfo = null;
            if (info is not null)
            {
                if (type.IsArray)
                {
                    elementInfo = info.Element;
                }
                else if (info.Arguments is [var only] && type.GetGenericArguments() is [var arg] && arg == elementType)
                {
                    elementInfo = only;
                }
            }
            return new TypeShape(type, nullable, Build(elementType, elementInfo));
        }
        return new TypeShape(type, nullable, null);
    }

    /// <summary>Arrays and IEnumerable&lt;T&gt; implementations are lists; strings and dictionaries are not.</summary>
    public static bool TryGetListElement(Type type, out Type elementType)
    {
        elementType = null!;
        if (type == typeof(string))
        {
            return false;
        }
        if (type.IsArray)
        {
            if (type.GetArrayRank() != 1) return false;
            elementType = type.GetElementType()!;
            return true;
        }
        Type? found = null;
        if (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            found = type.GetGenericArguments()[0];
        }
        else
        {
            foreach (var i in type.GetInterfaces())
            {
                if (!i.IsGenericType) continue;
                var def = i.GetGenericTypeDefinition();
                if (def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
                {
                    return false;
                }
                if (def == typeof(IEnumerable<>))
                {
                    if (found is not null && found != i.GetGenericArguments()[0])
                    {
                        return false; // ambiguous element type
                    }
                    found = i.GetGenericArguments()[0];
                }
            }
        }
        if (found is null)
        {
            return false;
        }
        elementType = found;
        return true;
    }

    /// <summary>Task&lt;T&gt; and ValueTask&lt;T&gt; → T; also tells whether the type was such a wrapper.</summary>
    public static Type UnwrapAsync(Type type, NullTree? info, out NullTree? innerInfo, out AsyncKind kind)
    {
        innerInfo = info;
        kind = AsyncKind.None;
        if (!type.IsGenericType)
        {
            if (type == typeof(Task) || type == typeof(ValueTask))
            {
                kind = AsyncKind.Void;
            }
            return type;
        }
        var def = type.GetGenericTypeDefinition();
        if (def == typeof(Task<>) || def == typeof(ValueTask<>))
        {
            kind = def == typeof(Task<>) ? AsyncKind.Task : AsyncKind.ValueTask;
            innerInfo = info?.Arguments is [var arg] ? arg : null;
            return type.GetGenericArguments()[0];
        }
        return type;
    }

    /// <summary>The T of IAsyncEnumerable&lt;T&gt; (or of a type implementing it), else null.</summary>
    public static Type? GetAsyncStreamElement(Type type)
    {
        if (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }
        foreach (var i in type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            {
                return i.GetGenericArguments()[0];
            }
        }
        return null;
    }
}

/// <summary>How a resolver method delivers its result.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
    Void,
}
