using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.Types.Building.Runtime;

/// <summary>Adapts what compiled resolver methods return to <see cref="FieldResolver"/>'s ValueTask&lt;object?&gt;.</summary>
internal static class ResolverResults
{
    /// <summary>The resolver of subscription fields: the event payload is the field value.</summary>
    public static readonly FieldResolver Parent = static context => new ValueTask<object?>(context.Parent);

    public static ValueTask<object?> FromTask<T>(Task<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return new ValueTask<object?>(task.Result);
        }
        return Await(task);

        // No ConfigureAwait(false): the continuation must resume through the executor's queue (the current
        // SynchronizationContext). With ConfigureAwait(false) under a SynchronizationContext, .NET never inlines the
        // continuation and sends it to the thread pool, so the field completes after the executor may already have
        // found its queue empty and dispatched a DataLoader batch without the keys the field's children add.
        static async ValueTask<object?> Await(Task<T> t) => await t;
    }

    public static ValueTask<object?> FromValueTask<T>(ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return new ValueTask<object?>(task.Result);
        }
        return Await(task);

        // Same reason as in FromTask: resume through the executor's queue.
        static async ValueTask<object?> Await(ValueTask<T> t) => await t;
    }

    /// <summary>Wraps a synchronous result; used for reference types so the expression stays a single call.</summary>
    public static ValueTask<object?> FromValue(object? value) => new(value);

    public static ValueTask<IAsyncEnumerable<object?>> FromStream<T>(IAsyncEnumerable<T> stream) => new(Box(stream));

    public static ValueTask<IAsyncEnumerable<object?>> FromStreamTask<T>(Task<IAsyncEnumerable<T>> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return new ValueTask<IAsyncEnumerable<object?>>(Box(task.Result));
        }
        return Await(task);

        static async ValueTask<IAsyncEnumerable<object?>> Await(Task<IAsyncEnumerable<T>> t) => Box(await t.ConfigureAwait(false));
    }

    public static ValueTask<IAsyncEnumerable<object?>> FromStreamValueTask<T>(ValueTask<IAsyncEnumerable<T>> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return new ValueTask<IAsyncEnumerable<object?>>(Box(task.Result));
        }
        return Await(task);

        static async ValueTask<IAsyncEnumerable<object?>> Await(ValueTask<IAsyncEnumerable<T>> t) => Box(await t.ConfigureAwait(false));
    }

    /// <summary>
    /// Streams of reference types are already IAsyncEnumerable&lt;object?&gt; (the interface is covariant);
    /// only value-type streams need a boxing wrapper.
    /// </summary>
    public static IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> stream) =>
        stream as IAsyncEnumerable<object?> ?? new BoxingStream<T>(stream);

    private sealed class BoxingStream<T>(IAsyncEnumerable<T> inner) : IAsyncEnumerable<object?>
    {
        public IAsyncEnumerator<object?> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(inner.GetAsyncEnumerator(cancellationToken));

        private sealed class Enumerator(IAsyncEnumerator<T> inner) : IAsyncEnumerator<object?>
        {
            public object? Current => inner.Current;
            public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();
            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    /// <summary>Reads a <c>[Service]</c> parameter; a missing non-nullable service is an error naming the type.</summary>
    public static T GetRequiredService<T>(IResolverContext context) =>
        context.Services?.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException($"The service {typeof(T).FullName} is not registered.");

    public static T? GetOptionalService<T>(IResolverContext context) =>
        context.Services?.GetService(typeof(T)) is T service ? service : default;

    /// <summary>A GraphQL argument with a C# default value: the default applies when the argument is absent.</summary>
    public static T ArgumentOrDefault<T>(IResolverContext context, string name, T defaultValue) =>
        context.HasArgument(name) ? ValueConverter<T>.Convert(context.ArgumentValue<object?>(name)) : defaultValue;

    public static T Argument<T>(IResolverContext context, string name) =>
        ValueConverter<T>.Convert(context.ArgumentValue<object?>(name));
}
