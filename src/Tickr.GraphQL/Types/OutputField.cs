using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>
/// Resolves one field. Synchronous resolvers return a completed ValueTask (no allocation).
/// The returned value is completed by the executor according to the field's type.
/// </summary>
public delegate ValueTask<object?> FieldResolver(IResolverContext context);

/// <summary>
/// Creates the source stream of a subscription field: each item is then resolved as the root value
/// of the field's resolver (or returned as the field value when the field has no resolver).
/// </summary>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscribeResolver(IResolverContext context);

/// <summary>A field of an object or interface type.</summary>
public sealed class OutputField(string name, IGraphQLType type) : INamedMember
{
    public string Name { get; } = name;
    public IGraphQLType Type { get; set; } = type;
    public string? Description { get; set; }
    public FieldCollection<InputValue> Arguments { get; } = new();
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IList<DirectiveNode> AppliedDirectives { get; } = new List<DirectiveNode>();

    /// <summary>The SDL node this member was built from, when built from SDL (error locations).</summary>
    public Language.Ast.SyntaxNode? SyntaxNode { get; set; }

    /// <summary>
    /// The resolver. Null means the default resolver: a dictionary entry or a public property of the parent
    /// named like the field.
    /// </summary>
    public FieldResolver? Resolver { get; set; }

    /// <summary>For subscription root fields: creates the source stream.</summary>
    public SubscribeResolver? Subscriber { get; set; }

    /// <summary>
    /// For subscription root fields: whether hosts may execute each event once for a group of subscribers with the
    /// same operation (see <see cref="SubscriptionSharing"/>). Null: every subscriber executes its own events.
    /// </summary>
    public SubscriptionSharing? Sharing { get; set; }

    /// <summary>Cost of resolving this field once (used by the cost limit); default 1, 0 for trivial fields.</summary>
    public int? Cost { get; set; }

    /// <summary>For list fields: the size the cost analysis assumes (or the argument that gives it, see below).</summary>
    public int? ListSize { get; set; }

    /// <summary>Names of arguments (e.g. <c>first</c>) whose value bounds the list size, for cost analysis.</summary>
    public IList<string> SlicingArguments { get; } = new List<string>();

    /// <summary>Free-form data for integrations (e.g. the CLR member this field was built from).</summary>
    public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();

    /// <summary>Introspection's cached list of non-deprecated arguments.</summary>
    internal object? IntrospectionCache;
}
