namespace Tickr.GraphQL.Language.Ast;

/// <summary>Base of every AST node. Nodes are immutable once the parser has built them.</summary>
public abstract class SyntaxNode
{
    public abstract SyntaxKind Kind { get; }

    /// <summary>Where the node came from; null for nodes built in code.</summary>
    public Location? Location { get; init; }
}
