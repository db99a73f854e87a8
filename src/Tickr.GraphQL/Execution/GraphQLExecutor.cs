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
/// the field plans execution derived from it). Hosts that must know the operation before running it (HTTP GET
/// refuses mutations, subscriptions need a stream) call <see cref="Prepare(string?, string?)"/> and execute the
/// prepared request, so one cache lookup serves both. Thread-safe; create one per schema and share it.
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
    /// Parses and validates <paramref name="query"/> (or takes both from the document cache) and selects the
    /// operation, without executing it: hosts inspect the result (e.g. its <see cref="PreparedRequest.OperationType"/>)
    /// and then execute it with <see cref="ExecuteAsync(PreparedRequest, IReadOnlyDictionary{string, object}, object, IServiceProvider, IDictionary{string, object}, CancellationToken)"/>
    /// or <see cref="SubscribeAsync(PreparedRequest, IReadOnlyDictionary{string, object}, object, IServiceProvider, IDictionary{string, object}, CancellationToken)"/>.
    /// Never throws for bad input: syntax, validation and operation selection errors are in the result.
    /// </summary>
    public PreparedRequest Prepare(string? query, string? operationName = null) =>
        GetDocument(query, out var syntaxError) is { } document
            ? Select(document, operationName)
            : new PreparedRequest(this, null, null, [syntaxError!], PreparedRequestStatus.SyntaxError);

    /// <summary>
    /// Validates an already parsed document (not cached: the caller owns it) and selects the operation.
    /// </summary>
    public PreparedRequest Prepare(DocumentNode document, string? operationName = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Select(new PreparedDocument(document, Validate(document)), operationName);
    }

    /// <summary>
    /// Executes a query or mutation (a subscription operation executes once, as a query; use
    /// <see cref="SubscribeAsync(GraphQLRequest, CancellationToken)"/> for its event stream). Never throws: every
    /// failure is in the result's errors. Syntax and validation errors produce a result without data.
    /// </summary>
    public ValueTask<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken = default) =>
        TryPrepare(request, out var failure) is { } prepared
            ? ExecuteAsync(prepared, ExecutionInputs.From(request), cancellationToken)
            : new(failure!);

    /// <summary>
    /// Executes a request prepared by this executor, with no further parsing, validation or cache lookup. Never
    /// throws for failures of the request: a prepared request with errors gives a result with those errors.
    /// </summary>
    public ValueTask<ExecutionResult> ExecuteAsync(
        PreparedRequest prepared,
        IReadOnlyDictionary<string, object?>? variables = null,
        object? rootValue = null,
        IServiceProvider? services = null,
        IDictionary<string, object?>? contextData = null,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(CheckOwner(prepared), new ExecutionInputs(variables, rootValue, services, contextData), cancellationToken);

    /// <summary>
    /// Subscribes: yields one result per source event until the source completes or the consumer stops (which
    /// cancels and disposes the source). Requests that fail early, and non-subscription operations, yield a single
    /// result.
    /// </summary>
    public IAsyncEnumerable<ExecutionResult> SubscribeAsync(GraphQLRequest request, CancellationToken cancellationToken = default) =>
        TryPrepare(request, out var failure) is { } prepared
            ? SubscribeAsync(prepared, ExecutionInputs.From(request), cancellationToken)
            : Executor.Single(failure!);

    /// <summary>
    /// <see cref="SubscribeAsync(GraphQLRequest, CancellationToken)"/> for a request prepared by this executor, with
    /// no further parsing, validation or cache lookup.
    /// </summary>
    public IAsyncEnumerable<ExecutionResult> SubscribeAsync(
        PreparedRequest prepared,
        IReadOnlyDictionary<string, object?>? variables = null,
        object? rootValue = null,
        IServiceProvider? services = null,
        IDictionary<string, object?>? contextData = null,
        CancellationToken cancellationToken = default) =>
        SubscribeAsync(CheckOwner(prepared), new ExecutionInputs(variables, rootValue, services, contextData), cancellationToken);

    /// <summary>
    /// The first half of <c>SubscribeAsync</c>, for hosts that share event execution between subscribers: runs the
    /// subscription root field's subscribe resolver (with <paramref name="cancellationToken"/> as its token) and,
    /// for a field with <see cref="Types.OutputField.Sharing"/>, the subscriber's sharing scope. The caller owns the
    /// returned stream: read it with <see cref="MapSourceStream"/>, or cancel the token it was created with and
    /// drop it. Never throws for failures of the request (they are <see cref="SubscriptionSource.Failure"/>);
    /// a request that is not a valid subscription operation fails with its errors.
    /// </summary>
    public ValueTask<SubscriptionSource> CreateSourceStreamAsync(
        PreparedRequest prepared,
        IReadOnlyDictionary<string, object?>? variables = null,
        object? rootValue = null,
        IServiceProvider? services = null,
        IDictionary<string, object?>? contextData = null,
        CancellationToken cancellationToken = default)
    {
        CheckOwner(prepared);
        if (prepared is not { Operation: { } operation, PreparedDocument: { } document })
        {
            return new(SubscriptionSource.Failed(ExecutionResult.FromErrors(prepared.Errors!)));
        }
        if (operation.Operation != OperationType.Subscription)
        {
            return new(SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError("The operation is not a subscription.", code: ErrorCodes.OperationNotFound))));
        }
        return Executor.CreateSourceStreamAsync(Schema, document, operation, new ExecutionInputs(variables, rootValue, services, contextData), Options.ExecutionOptions, cancellationToken);
    }

    /// <summary>
    /// The second half of <c>SubscribeAsync</c>: one result per event of <paramref name="stream"/> (a stream from
    /// <see cref="CreateSourceStreamAsync"/> of the same request), each executed with the event as root value and the
    /// given services and context data. A failing source ends the sequence with its error as the last result.
    /// Leaving the loop disposes the source's enumerator.
    /// </summary>
    public IAsyncEnumerable<ExecutionResult> MapSourceStream(
        PreparedRequest prepared,
        IAsyncEnumerable<object?> stream,
        IReadOnlyDictionary<string, object?>? variables = null,
        IServiceProvider? services = null,
        IDictionary<string, object?>? contextData = null,
        CancellationToken cancellationToken = default)
    {
        CheckOwner(prepared);
        ArgumentNullException.ThrowIfNull(stream);
        return prepared is { Operation: { } operation, PreparedDocument: { } document }
            ? Executor.MapSourceStreamAsync(Schema, document, operation, new ExecutionInputs(variables, null, services, contextData), Options.ExecutionOptions, stream, null, cancellationToken)
            : Executor.Single(ExecutionResult.FromErrors(prepared.Errors!));
    }

    private ValueTask<ExecutionResult> ExecuteAsync(PreparedRequest prepared, ExecutionInputs inputs, CancellationToken cancellationToken) =>
        prepared is { Operation: { } operation, PreparedDocument: { } document }
            ? Executor.ExecuteAsync(Schema, document, operation, inputs, Options.ExecutionOptions, cancellationToken)
            : new(ExecutionResult.FromErrors(prepared.Errors!));

    private IAsyncEnumerable<ExecutionResult> SubscribeAsync(PreparedRequest prepared, ExecutionInputs inputs, CancellationToken cancellationToken) =>
        prepared is { Operation: { } operation, PreparedDocument: { } document }
            ? Executor.SubscribeAsync(Schema, document, operation, inputs, Options.ExecutionOptions, cancellationToken)
            : Executor.Single(ExecutionResult.FromErrors(prepared.Errors!));

    private PreparedRequest CheckOwner(PreparedRequest prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        // Documents were validated against this executor's schema and its plans refer to its types.
        if (!ReferenceEquals(prepared.Executor, this))
        {
            throw new ArgumentException("The request was prepared by another GraphQLExecutor.", nameof(prepared));
        }
        return prepared;
    }

    /// <summary>
    /// Prepares a request for the entry points that promise never to throw: an unexpected failure (a bug in a phase,
    /// a throwing application rule) becomes the failure result instead.
    /// </summary>
    private PreparedRequest? TryPrepare(GraphQLRequest request, out ExecutionResult? failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        failure = null;
        try
        {
            return request.Document is { } given ? Prepare(given, request.OperationName) : Prepare(request.Query, request.OperationName);
        }
        catch (Exception ex)
        {
            failure = Executor.Unexpected(ex, Options.ExecutionOptions);
            return null;
        }
    }

    private PreparedRequest Select(PreparedDocument document, string? operationName)
    {
        if (document.Errors is { Count: > 0 } errors)
        {
            return new PreparedRequest(this, document, null, errors, PreparedRequestStatus.ValidationError);
        }
        var unnamed = string.IsNullOrEmpty(operationName);
        if (unnamed && document.DefaultRequest is { } reused && ReferenceEquals(reused.Executor, this))
        {
            // A cached document belongs to this executor's cache; the prepared request is immutable.
            return reused;
        }
        var operation = document.GetOperation(operationName, out var operationError);
        if (operation is null)
        {
            return new PreparedRequest(this, document, null, [operationError!], PreparedRequestStatus.OperationNotFound);
        }
        var prepared = new PreparedRequest(this, document, operation, null, PreparedRequestStatus.Ready);
        if (unnamed && document.IsCached)
        {
            document.DefaultRequest = prepared;
        }
        return prepared;
    }

    /// <summary>The parsed document with its validation errors, from the cache when possible; null on syntax errors.</summary>
    private PreparedDocument? GetDocument(string? query, out GraphQLError? syntaxError)
    {
        syntaxError = null;
        if (string.IsNullOrWhiteSpace(query))
        {
            syntaxError = new GraphQLError("The request has no query document.", code: ErrorCodes.SyntaxError);
            return null;
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
            syntaxError = ex.Error;
            return null;
        }
        var prepared = new PreparedDocument(document, Validate(document)) { IsCached = _cache is not null };
        // Concurrent first sights of one query keep the first document, so every request shares its plans.
        return _cache?.GetOrAdd(query, prepared) ?? prepared;
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

        /// <summary>Adds the document unless another thread added one for the query first; returns the kept one.</summary>
        public PreparedDocument GetOrAdd(string query, PreparedDocument document)
        {
            var entry = _entries.GetOrAdd(query, new Entry(document));
            entry.LastUse = Interlocked.Increment(ref _clock);
            if (_entries.Count > capacity)
            {
                Evict();
            }
            return entry.Document;
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
