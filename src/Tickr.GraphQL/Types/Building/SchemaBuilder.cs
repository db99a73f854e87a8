namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Builds an executable <see cref="Schema"/> from C# classes ("code first"): public properties and methods of
/// the root classes become fields, the CLR types they use become GraphQL types, resolvers are compiled once.
/// </summary>
/// <example>
/// <code>
/// var schema = new SchemaBuilder()
///     .AddQueryType&lt;Query&gt;()
///     .AddMutationType&lt;Mutation&gt;()
///     .AddTypeExtension&lt;EventExtensions&gt;()
///     .Build();
/// </code>
/// </example>
public sealed class SchemaBuilder
{
    internal RootRegistration? Query { get; private set; }
    internal RootRegistration? Mutation { get; private set; }
    internal RootRegistration? Subscription { get; private set; }
    internal List<Type> Types { get; } = [];
    internal List<NamedType> NamedTypes { get; } = [];
    internal List<Type> Extensions { get; } = [];
    internal List<(ScalarType Scalar, Type? RuntimeType)> Scalars { get; } = [];
    internal List<DirectiveType> Directives { get; } = [];
    internal List<string> XmlDocumentationFiles { get; } = [];
    internal SchemaBuilderOptions Options { get; } = new();

    /// <summary>The class whose public members are the fields of the Query type.</summary>
    public SchemaBuilder AddQueryType<T>() => AddQueryType(typeof(T));

    /// <inheritdoc cref="AddQueryType{T}"/>
    public SchemaBuilder AddQueryType(Type type)
    {
        Query = new RootRegistration(type);
        return this;
    }

    /// <summary>An empty Query type, filled by type extensions (<c>[ExtendObjectType("Query")]</c> or <c>[QueryType]</c>).</summary>
    public SchemaBuilder AddQueryType()
    {
        Query = new RootRegistration(null);
        return this;
    }

    /// <summary>The class whose public members are the fields of the Mutation type.</summary>
    public SchemaBuilder AddMutationType<T>() => AddMutationType(typeof(T));

    /// <inheritdoc cref="AddMutationType{T}"/>
    public SchemaBuilder AddMutationType(Type type)
    {
        Mutation = new RootRegistration(type);
        return this;
    }

    /// <summary>An empty Mutation type, filled by type extensions.</summary>
    public SchemaBuilder AddMutationType()
    {
        Mutation = new RootRegistration(null);
        return this;
    }

    /// <summary>The class whose stream-returning methods are the fields of the Subscription type.</summary>
    public SchemaBuilder AddSubscriptionType<T>() => AddSubscriptionType(typeof(T));

    /// <inheritdoc cref="AddSubscriptionType{T}"/>
    public SchemaBuilder AddSubscriptionType(Type type)
    {
        Subscription = new RootRegistration(type);
        return this;
    }

    /// <summary>An empty Subscription type, filled by type extensions.</summary>
    public SchemaBuilder AddSubscriptionType()
    {
        Subscription = new RootRegistration(null);
        return this;
    }

    /// <summary>
    /// A class marked <see cref="ExtendObjectTypeAttribute"/> (or <see cref="QueryTypeAttribute"/> and friends):
    /// its public members become fields of the extended type.
    /// </summary>
    public SchemaBuilder AddTypeExtension<T>() => AddTypeExtension(typeof(T));

    /// <inheritdoc cref="AddTypeExtension{T}"/>
    public SchemaBuilder AddTypeExtension(Type type)
    {
        Extensions.Add(type);
        return this;
    }

    /// <summary>
    /// A CLR type to include even when no field reaches it (e.g. an implementation of an interface). Classes
    /// marked <see cref="QueryTypeAttribute"/>, <see cref="MutationTypeAttribute"/>, <see cref="SubscriptionTypeAttribute"/>
    /// or <see cref="ExtendObjectTypeAttribute"/> are taken as type extensions.
    /// </summary>
    public SchemaBuilder AddType<T>() => AddType(typeof(T));

    /// <inheritdoc cref="AddType{T}"/>
    public SchemaBuilder AddType(Type type)
    {
        Types.Add(type);
        return this;
    }

    /// <summary>A type built by hand; it is added to the schema as is.</summary>
    public SchemaBuilder AddType(NamedType type)
    {
        NamedTypes.Add(type);
        return this;
    }

    /// <summary>
    /// A custom scalar; when <paramref name="runtimeType"/> is given, members of that CLR type use it (this also
    /// overrides the built-in binding of that CLR type). Without it the scalar is usable through
    /// <see cref="GraphQLTypeAttribute"/>.
    /// </summary>
    public SchemaBuilder AddScalar(ScalarType scalar, Type? runtimeType = null)
    {
        Scalars.Add((scalar, runtimeType));
        return this;
    }

    /// <summary>A directive definition to include in the schema.</summary>
    public SchemaBuilder AddDirective(DirectiveType directive)
    {
        Directives.Add(directive);
        return this;
    }

    /// <summary>
    /// An XML documentation file to read descriptions from, in addition to the files found next to assemblies.
    /// </summary>
    public SchemaBuilder AddXmlDocumentation(string path)
    {
        XmlDocumentationFiles.Add(path);
        return this;
    }

    public SchemaBuilder ModifyOptions(Action<SchemaBuilderOptions> configure)
    {
        configure(Options);
        return this;
    }

    /// <summary>Builds the schema. Throws <see cref="SchemaBuildException"/> naming the CLR member at fault.</summary>
    public Schema Build() => new CodeFirstSchemaFactory(this).Create();
}

/// <summary>A root type given to the builder: its CLR class, or null for a root filled only by extensions.</summary>
internal sealed record RootRegistration(Type? ClrType);
