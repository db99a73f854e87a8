using System.Linq.Expressions;
using System.Reflection;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.Types.Building.Runtime;

/// <summary>
/// Gets the request's instance of a DataLoader parameter from the per-request registry (keyed by the loader's
/// full type name). The loader comes from the services when registered there, else it is constructed with its
/// constructor arguments taken from the services; that constructor call is compiled once.
/// </summary>
internal static class DataLoaderAccessor<T> where T : class
{
    private static readonly string Key = typeof(T).FullName!;
    private static readonly Func<IServiceProvider, T> Factory = CreateFactory();

    public static T Get(IResolverContext context) => context.DataLoaders.GetOrCreate(Key, Factory);

    private static Func<IServiceProvider, T> CreateFactory()
    {
        var create = ServiceActivator.Compile<T>();
        return sp => sp?.GetService(typeof(T)) as T ?? create(sp!);
    }
}

/// <summary>Compiles "construct T with constructor arguments from an IServiceProvider".</summary>
internal static class ServiceActivator
{
    public static Func<IServiceProvider, T> Compile<T>() where T : class
    {
        var type = typeof(T);
        ConstructorInfo? best = null;
        foreach (var c in type.GetConstructors())
        {
            if (best is null || c.GetParameters().Length > best.GetParameters().Length)
            {
                best = c;
            }
        }
        if (best is null || type.IsAbstract)
        {
            return _ => throw new InvalidOperationException($"{type.FullName} is not registered in the services and has no public constructor.");
        }
        var sp = Expression.Parameter(typeof(IServiceProvider), "services");
        var args = new List<Expression>();
        var resolve = typeof(ServiceActivator).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var p in best.GetParameters())
        {
            var call = Expression.Call(
                resolve,
                sp,
                Expression.Constant(p.ParameterType, typeof(Type)),
                Expression.Constant(p.HasDefaultValue),
                Expression.Constant(p.HasDefaultValue ? p.DefaultValue : null, typeof(object)),
                Expression.Constant($"{type.FullName}({p.Name})"));
            args.Add(Expression.Convert(call, p.ParameterType));
        }
        return Expression.Lambda<Func<IServiceProvider, T>>(Expression.New(best, args), sp).Compile();
    }

    private static object? Resolve(IServiceProvider? services, Type type, bool hasDefault, object? defaultValue, string where)
    {
        if (type == typeof(IServiceProvider))
        {
            return services;
        }
        var service = services?.GetService(type);
        if (service is not null)
        {
            return service;
        }
        if (hasDefault)
        {
            return defaultValue;
        }
        throw new InvalidOperationException($"Cannot create {where}: the service {type.FullName} is not registered.");
    }
}
