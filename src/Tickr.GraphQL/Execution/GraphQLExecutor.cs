using System.Collections.Concurrent;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.Execution;

/// <summary>Options of the whole request pipeline (parse → validate → execute).</summary>
public sealed class GraphQLExecutorOptions
{
    public ParserOptions? ParserOptions { get; init; }
    public ValidationOptions? ValidationOptions { get; init; }
    public ExecutionOptions ExecutionOptions { get; init; } = ExecutionOptions.Default;

    /// <summary>How many parsed and validated documents are kept, keyed by their text. Zero disables the cache.</summary>
    public int DocumentCacheSize { get; init; } = 1000;
}

/// <summary>
/// The entry point hosts use: parses a request's document, validates it against the schema and executes it.
/// Parsed and validated documents are cached by query text, so a repeated query skips both phases (and reuses
/// the field plans execution derived from it). Thread-safe; create one per schema and share it.
/// </summary>
public sealed class GraphQLExecutor
{
    private readonly DocumentCache? _cache;

    public GraphQLExecutor(Schema schema, GraphQLExecutorOptions? options = null)
    {
        Schema = schema;
        Options = options ?? new GraphQLExecutorOptions();
        _cache = Options.DocumentCacheSize > 0 ? new DocumentCache(Options.DocumentCacheSize) : null;
    }

    public Schema Schema { get; }
    public GraphQLExecutorOptions Options { get; }

    /// <summary>Number of documents currently cached (diagnostics and tests).</summary>
    internal int CachedDocumentCount => _cache?.Count ?? 0;

    /// <summary>
    /// Executes a query or mutation (a subscription operation executes once, as a query; use
    /// <see cref="SubscribeAsync"/> for its event stream). Never throws: every failure is in the result's errors.
    /// Syntax and validation errors produce a result without data.
    /// </summary>
    public ValueTask<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PreparedDocument document;
        try
        {
            document = Prepare(request);
        }
        catch (Exception ex)
        {
            return new(Executor.Unexpected(ex, Options.ExecutionOptions));
        }
        if (document.Errors is { Count: > 0 } errors)
        {
            return new(ExecutionResult.FromErrors(errors));
        }
        return Executor.ExecuteAsync(Schema, document, request, Options.ExecutionOptions, cancellationToken);
    }

    /// <summary>
    /// Subscribes: yields one result per source event until the source completes or the consumer stops (which
    /// cancels and disposes the source). Requests that fail early, and non-subscription operations, yield a single
    /// result.
    /// </summary>
    public IAsyncEnumerable<ExecutionResult> SubscribeAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PreparedDocument document;
        try
        {
            document = Prepare(request);
        }
        catch (Exception ex)
        {
            return Executor.Single(Executor.Unexpected(ex, Options.ExecutionOptions));
        }
        if (document.Errors is { Count: > 0 } errors)
        {
            return Executor.Single(ExecutionResult.FromErrors(errors));
        }
        return Executor.SubscribeAsync(Schema, document, request, Options.ExecutionOptions, cancellationToken);
    }

    private PreparedDocument Prepare(GraphQLRequest request)
    {
        if (request.Document is { } given)
        {
            return new PreparedDocument(given, Validate(given));
        }
        var query = request.Query;
        if (string.IsNullOrWhiteSpace(query))
        {
            return new PreparedDocument(
                new DocumentNode { Definitions = [] },
                [new GraphQLError("The request has no query document.", code: ErrorCodes.SyntaxError)]);
        }
        if (_cache is not null && _cache.TryGet(query, out var cached))
        {
            return cached;
        }

        DocumentNode document;
        try
        {
            document = Parser.Parse(query, Options.ParserOptions);
        }
        catch (GraphQLSyntaxException ex)
        {
            // Syntax errors are not cached: they are cheap to reproduce and would let junk evict useful entries.
            return new PreparedDocument(new DocumentNode { Definitions = [] }, [ex.Error]);
        }
        var prepared = new PreparedDocument(document, Validate(document)) { IsCached = _cache is not null };
        _cache?.Add(query, prepared);
        return prepared;
    }

    private IReadOnlyList<GraphQLError>? Validate(DocumentNode document)
    {
        var errors = DocumentValidator.Validate(Schema, document, Options.ValidationOptions);
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>
    /// A bounded, thread-safe map from query text to prepared documents. When full, the least recently used
    /// quarter is dropped in one sweep, which keeps lookups lock-free and eviction rare.
    /// </summary>
    private sealed class DocumentCache(int capacity)
    {
        private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
        private readonly object _evictionLock = new();
        private long _clock;

        public int Count => _entries.Count;

        public bool TryGet(string query, out PreparedDocument document)
        {
            if (_entries.TryGetValue(query, out var entry))
            {
                entry.LastUse = Interlocked.Increment(ref _clock);
                document = entry.Document;
                return true;
            }
            document = null!;
            return false;
        }

        public void Add(string query, PreparedDocument document)
        {
            _entries[query] = new Entry(document) { LastUse = Interlocked.Increment(ref _clock) };
            if (_entries.Count > capacity)
            {
                Evict();
            }
        }

        private void Evict()
        {
            lock (_evictionLock)
            {
                if (_entries.Count <= capacity) return;
                var snapshot = _entries.ToArray();
                Array.Sort(snapshot, static (a, b) => a.Value.LastUse.CompareTo(b.Value.LastUse));
                var remove = snapshot.Length - capacity + Math.Max(1, capacity / 4);
                for (var i = 0; i < remove && i < snapshot.Length; i++)
                {
                    _entries.TryRemove(snapshot[i].Key, out _);
                }
            }
        }

        private sealed class Entry(PreparedDocument document)
        {
            public PreparedDocument Document { get; } = document;
            public long LastUse;
        }
    }
}
