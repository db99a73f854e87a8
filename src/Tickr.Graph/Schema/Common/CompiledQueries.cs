using System.Collections.Concurrent;

namespace Tickr.Graph.Schema.Common;

/// <summary>
/// EF Core compiled queries, one per query and provider context type: a compiled query keeps the model it first ran
/// with, and one process may use both providers (the tests do). Compiling skips EF Core's per-execution work (building
/// the expression tree, extracting parameters, hashing it to find the cached plan), about a fifth of the server's CPU
/// on the catalog benchmark.
/// </summary>
internal static class CompiledQueries
{
    private static readonly ConcurrentDictionary<(object Query, Type Context), Delegate> Cache = new();

    /// <summary>The query <paramref name="key"/> compiled for contexts of type <paramref name="context"/>.</summary>
    public static TDelegate Get<TDelegate>(object key, Type context, Func<TDelegate> compile)
        where TDelegate : Delegate =>
        (TDelegate)Cache.GetOrAdd((key, context), static (_, compile) => compile(), compile);
}
