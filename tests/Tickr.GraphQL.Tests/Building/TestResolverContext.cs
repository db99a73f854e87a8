using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests.Building;

/// <summary>A hand-filled resolver context: enough to call compiled resolvers without the executor.</summary>
internal sealed class TestResolverContext : IResolverContext
{
    public object? Parent { get; set; }
    public T ParentAs<T>() => (T)Parent!;
    public Schema Schema { get; set; } = null!;
    public ObjectType ParentType { get; set; } = null!;
    public OutputField Field { get; set; } = null!;
    public FieldNode Selection => throw new NotSupportedException();
    public IReadOnlyList<FieldNode> Selections => [];
    public OperationDefinitionNode Operation => throw new NotSupportedException();
    public IReadOnlyList<object> Path => [];
    public Dictionary<string, object?> Args { get; } = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, object?> Arguments => Args;
    public T ArgumentValue<T>(string name) => Args.TryGetValue(name, out var v) && v is T t ? t : default!;
    public bool HasArgument(string name) => Args.ContainsKey(name);
    public IReadOnlyDictionary<string, object?> Variables { get; } = new Dictionary<string, object?>();
    public IServiceProvider Services { get; set; } = new TestServices();
    public CancellationToken CancellationToken { get; set; }
    public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();
    public IDataLoaderRegistry DataLoaders { get; set; } = new TestDataLoaderRegistry(new TestServices());
    public List<GraphQLError> Errors { get; } = [];
    public void ReportError(GraphQLError error) => Errors.Add(error);
}

/// <summary>A dictionary-backed service provider.</summary>
internal sealed class TestServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public TestServices Add<T>(T service) where T : notnull
    {
        _services[typeof(T)] = service;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}

/// <summary>Per-"request" loader registry keyed like the executor's.</summary>
internal sealed class TestDataLoaderRegistry(IServiceProvider services) : IDataLoaderRegistry
{
    public Dictionary<string, object> Loaders { get; } = new(StringComparer.Ordinal);

    public TLoader GetOrCreate<TLoader>(string key, Func<IServiceProvider, TLoader> factory) where TLoader : class
    {
        if (!Loaders.TryGetValue(key, out var loader))
        {
            Loaders[key] = loader = factory(services);
        }
        return (TLoader)loader;
    }
}

/// <summary>Helpers to look into built schemas and call their resolvers.</summary>
internal static class SchemaAssert
{
    public static OutputField Field(this Schema schema, string type, string field)
    {
        var t = schema.GetType(type) as IComplexOutputType ?? throw new Xunit.Sdk.XunitException($"No object/interface type '{type}'.");
        return t.Fields[field] ?? throw new Xunit.Sdk.XunitException($"No field '{type}.{field}'; fields: {string.Join(", ", t.Fields.Select(f => f.Name))}.");
    }

    public static string TypeOf(this Schema schema, string type, string field) => schema.Field(type, field).Type.Print();

    public static string ArgTypeOf(this Schema schema, string type, string field, string argument) =>
        schema.Field(type, field).Arguments[argument]!.Type.Print();

    public static async Task<object?> Resolve(this Schema schema, string type, string field, TestResolverContext? context = null, object? parent = null)
    {
        context ??= new TestResolverContext();
        context.Schema = schema;
        context.Field = schema.Field(type, field);
        context.ParentType = (schema.GetType(type) as ObjectType)!;
        if (parent is not null) context.Parent = parent;
        var resolver = context.Field.Resolver ?? throw new Xunit.Sdk.XunitException($"{type}.{field} has no resolver.");
        return await resolver(context);
    }

    public static string FieldNames(this Schema schema, string type) =>
        string.Join(" ", ((IComplexOutputType)schema.GetType(type)!).Fields.Select(f => f.Name));
}
