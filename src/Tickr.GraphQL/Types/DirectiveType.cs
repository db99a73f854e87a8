namespace Tickr.GraphQL.Types;

/// <summary>The places a directive may appear (spec §3.13).</summary>
public enum DirectiveLocation
{
    QUERY,
    MUTATION,
    SUBSCRIPTION,
    FIELD,
    FRAGMENT_DEFINITION,
    FRAGMENT_SPREAD,
    INLINE_FRAGMENT,
    VARIABLE_DEFINITION,
    SCHEMA,
    SCALAR,
    OBJECT,
    FIELD_DEFINITION,
    ARGUMENT_DEFINITION,
    INTERFACE,
    UNION,
    ENUM,
    ENUM_VALUE,
    INPUT_OBJECT,
    INPUT_FIELD_DEFINITION,
}

/// <summary>A directive definition.</summary>
public sealed class DirectiveType(string name) : INamedMember
{
    public string Name { get; } = name;
    public string? Description { get; set; }
    public IList<DirectiveLocation> Locations { get; } = new List<DirectiveLocation>();
    public FieldCollection<InputValue> Arguments { get; } = new();
    public bool IsRepeatable { get; set; }

    /// <summary>The SDL node this directive was built from, when built from SDL.</summary>
    public Language.Ast.SyntaxNode? SyntaxNode { get; set; }

    /// <summary>Introspection's cached list of non-deprecated arguments.</summary>
    internal object? IntrospectionCache;

    /// <summary>Introspection's cached boxed locations.</summary>
    internal object[]? IntrospectionLocations;

    public override string ToString() => "@" + Name;
}
