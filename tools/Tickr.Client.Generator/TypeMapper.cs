using Tickr.GraphQL.Types;

namespace Tickr.Client.Generator;

/// <summary>Maps GraphQL types to C# type names (as written in generated code) and tracks which are value types.</summary>
internal sealed class TypeMapper
{
    /// <summary>The .NET type of each scalar Tickr.GraphQL knows; any other scalar stays raw JSON.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultScalars = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["String"] = "string",
        ["ID"] = "string",
        ["Int"] = "int",
        ["Float"] = "double",
        ["Boolean"] = "bool",
        ["DateTime"] = "global::System.DateTimeOffset",
        ["Date"] = "global::System.DateOnly",
        ["Long"] = "long",
        ["Decimal"] = "decimal",
        ["UUID"] = "global::System.Guid",
        ["URL"] = "global::System.Uri",
    };

    private const string RawJson = "global::System.Text.Json.JsonElement";

    private static readonly HashSet<string> ValueTypes = new(StringComparer.Ordinal)
    {
        "int", "double", "bool", "long", "decimal", "float", "short", "byte",
        "global::System.DateTimeOffset", "global::System.DateOnly", "global::System.TimeOnly", "global::System.DateTime",
        "global::System.Guid", "global::System.TimeSpan", RawJson,
    };

    private readonly IReadOnlyDictionary<string, string> _scalars;

    public TypeMapper(IReadOnlyDictionary<string, string>? scalarOverrides)
    {
        var map = new Dictionary<string, string>(DefaultScalars, StringComparer.Ordinal);
        if (scalarOverrides is not null)
        {
            foreach (var (k, v) in scalarOverrides)
            {
                map[k] = v;
            }
        }
        _scalars = map;
    }

    /// <summary>Enum names generated into the client (value types).</summary>
    public HashSet<string> Enums { get; } = new(StringComparer.Ordinal);

    public string Scalar(string name) => _scalars.TryGetValue(name, out var t) ? t : RawJson;

    public bool IsValueType(string csharpName) => ValueTypes.Contains(csharpName) || Enums.Contains(csharpName);

    /// <summary>The C# type of a wrapped GraphQL type, given the name of its innermost named type.</summary>
    public string Wrap(IGraphQLType type, string namedCSharp, bool forceNullable = false)
    {
        var text = WrapCore(type, namedCSharp, out var nullable);
        return forceNullable && !nullable ? text + "?" : text;
    }

    private static string WrapCore(IGraphQLType type, string named, out bool nullable)
    {
        switch (type)
        {
            case NonNullType nn:
                var inner = WrapCore(nn.OfType, named, out _);
                nullable = false;
                return inner.EndsWith('?') ? inner[..^1] : inner;
            case ListType list:
                nullable = true;
                return "global::System.Collections.Generic.IReadOnlyList<" + WrapCore(list.OfType, named, out _) + ">?";
            default:
                nullable = true;
                return named + "?";
        }
    }

    /// <summary>The type as <c>typeof</c> accepts it: no <c>?</c> on reference types.</summary>
    public string TypeOf(string csharp)
    {
        if (csharp.EndsWith('?'))
        {
            var inner = csharp[..^1];
            return IsValueType(inner) ? TypeOf(inner) + "?" : TypeOf(inner);
        }
        const string list = "global::System.Collections.Generic.IReadOnlyList<";
        if (csharp.StartsWith(list, StringComparison.Ordinal))
        {
            return list + TypeOf(csharp[list.Length..^1]) + ">";
        }
        return csharp;
    }

    public static NamedType Unwrap(IGraphQLType type) => type switch
    {
        NonNullType nn => Unwrap(nn.OfType),
        ListType l => Unwrap(l.OfType),
        _ => (NamedType)type,
    };

    public static bool IsNonNull(IGraphQLType type) => type is NonNullType;
}
