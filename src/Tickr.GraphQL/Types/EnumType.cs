namespace Tickr.GraphQL.Types;

/// <summary>An enum type. Each value has a GraphQL name and the runtime value resolvers see.</summary>
public sealed class EnumType(string name) : NamedType(name)
{
    private readonly Dictionary<object, EnumValue> _byRuntime = [];

    public override TypeKind Kind => TypeKind.Enum;
    public FieldCollection<EnumValue> Values { get; } = new();

    /// <summary>The CLR enum behind this type, if any.</summary>
    public Type? RuntimeType { get; set; }

    public void AddValue(EnumValue value)
    {
        Values.Add(value);
        _byRuntime.TryAdd(value.Value ?? value.Name, value);
    }

    /// <summary>The enum value for a runtime value (as resolvers return it), or null.</summary>
    public EnumValue? FindByRuntimeValue(object value)
    {
        if (_byRuntime.TryGetValue(value, out var v))
        {
            return v;
        }
        // Resolvers may also return the GraphQL name itself.
        return value is string s ? Values[s] : null;
    }
}

/// <summary>One value of an enum type.</summary>
public sealed class EnumValue(string name, object? value = null) : INamedMember
{
    public string Name { get; } = name;

    /// <summary>The runtime value; defaults to the name.</summary>
    public object Value { get; } = value ?? name;

    public string? Description { get; set; }
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IList<Language.Ast.DirectiveNode> AppliedDirectives { get; } = new List<Language.Ast.DirectiveNode>();

    /// <summary>The SDL node this member was built from, when built from SDL (error locations).</summary>
    public Language.Ast.SyntaxNode? SyntaxNode { get; set; }
}
