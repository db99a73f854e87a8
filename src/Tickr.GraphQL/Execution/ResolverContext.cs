using System.Globalization;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// The engine's <see cref="IResolverContext"/>. Instances are reused within a request once the field they were
/// created for has been resolved (synchronously) or completed (asynchronously), so resolvers must not keep a
/// context beyond their own execution.
/// </summary>
internal sealed class ResolverContext : IResolverContext
{
    private OperationContext _operation = null!;
    private FieldPlan _plan = null!;
    private object? _parent;
    private IReadOnlyDictionary<string, object?> _arguments = OrderedMap.Empty;

    internal ResultNode Container = null!;
    internal int Index;

    // Intrusive list of fields awaiting an asynchronous resolver (see OperationContext).
    internal ResolverContext? PrevPending;
    internal ResolverContext? NextPending;

    internal void Initialize(OperationContext operation, FieldPlan plan, object? parent, IReadOnlyDictionary<string, object?> arguments, ResultNode container, int index)
    {
        _operation = operation;
        _plan = plan;
        _parent = parent;
        _arguments = arguments;
        Container = container;
        Index = index;
    }

    internal void Clear()
    {
        _parent = null;
        _arguments = OrderedMap.Empty;
        Container = null!;
        PrevPending = NextPending = null;
    }

    internal FieldPlan Plan => _plan;

    public object? Parent => _parent;

    public T ParentAs<T>() => (T)_parent!;

    public Schema Schema => _operation.Schema;
    public ObjectType ParentType => _plan.ParentType;
    public OutputField Field => _plan.Field!;
    public FieldNode Selection => _plan.Node;
    public IReadOnlyList<FieldNode> Selections => _plan.Nodes;
    public OperationDefinitionNode Operation => _operation.Operation;
    public IReadOnlyList<object> Path => Container.PathOf(Index);
    public IReadOnlyDictionary<string, object?> Arguments => _arguments;

    public T ArgumentValue<T>(string name) =>
        _arguments.TryGetValue(name, out var value) ? ArgumentConverter.Convert<T>(value) : default!;

    public bool HasArgument(string name) => _arguments.ContainsKey(name);
    public IReadOnlyDictionary<string, object?> Variables => _operation.Variables;
    public IServiceProvider Services => _operation.Services;
    public CancellationToken CancellationToken => _operation.CancellationToken;
    public IDictionary<string, object?> ContextData => _operation.ContextData;
    public IDataLoaderRegistry DataLoaders => _operation.DataLoaders;

    public void ReportError(GraphQLError error)
    {
        _operation.AddError(error.Path is null ? error.WithPath(Path) : error);
    }
}

/// <summary>Converts coerced input values (long, double, string, maps, arrays) to the CLR type a resolver asks for.</summary>
internal static class ArgumentConverter
{
    public static T Convert<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }
        if (value is null)
        {
            return default!;
        }
        return (T)Convert(value, typeof(T))!;
    }

    public static object? Convert(object value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying.IsInstanceOfType(value))
        {
            return value;
        }
        if (underlying.IsEnum)
        {
            return value is string s ? Enum.Parse(underlying, s, ignoreCase: true) : Enum.ToObject(underlying, value);
        }
        if (underlying == typeof(Guid) && value is string g)
        {
            return Guid.Parse(g);
        }
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(underlying))
        {
            return System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
        }
        if (underlying.IsArray && value is object?[] items)
        {
            var elementType = underlying.GetElementType()!;
            var array = Array.CreateInstance(elementType, items.Length);
            for (var i = 0; i < items.Length; i++)
            {
                array.SetValue(items[i] is null ? null : Convert(items[i]!, elementType), i);
            }
            return array;
        }
        throw new InvalidCastException($"Cannot convert a value of type {value.GetType().Name} to {target.Name}.");
    }
}
