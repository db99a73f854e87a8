using System.Linq.Expressions;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.Types.Building.Runtime;

/// <summary>
/// The object whose methods resolve the fields of a root type or type extension: the request's service of that
/// type when registered, else one instance per schema created with the parameterless constructor.
/// </summary>
internal sealed class ResolverInstance<T> where T : class
{
    private static readonly Func<T>? Create = CompileConstructor();
    private T? _instance;

    public T Get(IResolverContext context) =>
        context.Services?.GetService(typeof(T)) as T ?? _instance ?? CreateShared();

    private T CreateShared()
    {
        if (Create is null)
        {
            throw new InvalidOperationException(
                $"{typeof(T).FullName} is not registered in the request services and has no public parameterless constructor.");
        }
        Interlocked.CompareExchange(ref _instance, Create(), null);
        return _instance;
    }

    private static Func<T>? CompileConstructor() =>
        typeof(T).IsAbstract || typeof(T).GetConstructor(Type.EmptyTypes) is null
            ? null
            : Expression.Lambda<Func<T>>(Expression.New(typeof(T))).Compile();
}
