using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>An argument of a field or directive, or a field of an input object type.</summary>
public sealed class InputValue(string name, IGraphQLType type) : INamedMember
{
    public string Name { get; } = name;
    public IGraphQLType Type { get; set; } = type;
    public string? Description { get; set; }

    /// <summary>The default value as a literal (what introspection prints); null when there is none.</summary>
    public ValueNode? DefaultValue { get; set; }

    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IList<DirectiveNode> AppliedDirectives { get; } = new List<DirectiveNode>();

    /// <summary>The SDL node this member was built from, when built from SDL (error locations).</summary>
    public Language.Ast.SyntaxNode? SyntaxNode { get; set; }

    /// <summary>CLR property/parameter name this value binds to (schemas built from C#).</summary>
    public string? RuntimeName { get; set; }

    /// <summary>The default value as introspection prints it, for the literal and type it was computed from.</summary>
    internal Utilities.DefaultValues.Printed? PrintedDefaultCache;
}
