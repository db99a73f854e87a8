using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tickr.GraphQL.AspNetCore.Persisted;
using Tickr.GraphQL.AspNetCore.SharedSubscriptions;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.AspNetCore;

/// <summary>
/// The transport-independent request path shared by HTTP, SSE and WebSockets: persisted operation lookup, then the
/// engine's GraphQLExecutor, configured with the server's limits, for parsing (token limit), validation (depth/cost
/// limits), its document cache and execution (timeout).
/// </summary>
public sealed class GraphQLRequestPipeline
{
    private readonly Lazy<GraphQLExecutor> _executor;
    private readonly IPersistedOperationStore[] _stores;
    private readonly AutomaticPersistedQueryCache _apq;

    /// <param name="schemaFactory">Creates the schema (once, on first use).</param>
    /// <param name="options">The server's options.</param>
    /// <param name="includeExceptionDetails">Exception messages in "Unexpected Execution Error" results.</param>
    /// <param name="stores">Persisted operation stores besides the configured folder.</param>
    /// <param name="scopes">
    /// Creates the service scope of each shared subscription group; without it, fields declared shareable execute
    /// per subscriber like any other.
    /// </param>
    /// <param name="logger">Logs failures of shared subscription groups.</param>
    public GraphQLRequestPipeline(Func<Schema> schemaFactory, GraphQLServerOptions options, bool includeExceptionDetails, IEnumerable<IPersistedOperationStore>? stores = null,
        IServiceScopeFactory? scopes = null, ILogger<GraphQLRequestPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(schemaFactory);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        // The executor is the only place documents are parsed, validated and cached: the transport inspects its
        // prepared requests (operation type) and executes them without a second lookup.
        _executor = new Lazy<GraphQLExecutor>(() => new GraphQLExecutor(schemaFactory(), new GraphQLExecutorOptions
        {
            ParserOptions = new ParserOptions { MaxTokens = options.MaxTokens },
            ValidationOptions = options.Validation,
            ExecutionOptions = new ExecutionOptions { Timeout = options.ExecutionTimeout, IncludeExceptionDetails = includeExceptionDetails },
            DocumentCacheSize = options.DocumentCacheSize,
        }), LazyThreadSafetyMode.ExecutionAndPublication);
        IncludeExceptionDetails = includeExceptionDetails;
        var list = new List<IPersistedOperationStore>();
        if (options.PersistedOperations.Directory is { } directory)
        {
            list.Add(new FileSystemPersistedOperationStore(directory));
        }
        if (stores is not null)
        {
            list.AddRange(stores);
        }
        _stores = [.. list];
        _apq = new AutomaticPersistedQueryCache(options.PersistedOperations.AutomaticCacheSize);
        SharedSubscriptions = scopes is null ? null : new SharedSubscriptionRegistry(scopes, (ILogger?)logger ?? NullLogger.Instance, Unexpected);
    }

    /// <summary>The live groups of shared subscriptions; null when the pipeline was built without a scope factory.</summary>
    public SharedSubscriptionRegistry? SharedSubscriptions { get; }

    public Schema Schema => _executor.Value.Schema;

    public GraphQLServerOptions Options { get; }

    public bool IncludeExceptionDetails { get; }

    /// <summary>Resolves the document (persisted or inline), then has the executor parse and validate it (cached by document text).</summary>
    public async ValueTask<PreparedOperation> PrepareAsync(GraphQLRequestParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (text, error, malformed) = await ResolveDocumentTextAsync(parameters, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return new PreparedOperation(parameters, null, [error!], malformed);
        }

        var request = _executor.Value.Prepare(text, parameters.OperationName);
        // A valid document whose operation cannot be selected is answered by execution (a result with the error:
        // a 'next' message on WebSockets, an event on SSE), not as a document error.
        var errors = request.Status is PreparedRequestStatus.SyntaxError or PreparedRequestStatus.ValidationError ? request.Errors : null;
        return new PreparedOperation(parameters, request, errors, false);
    }

    /// <summary>Executes a valid prepared query or mutation (a subscription operation runs once, as a query).</summary>
    public async ValueTask<ExecutionResult> ExecuteAsync(PreparedOperation operation, IServiceProvider? services, IDictionary<string, object?>? contextData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!operation.IsValid)
        {
            return ExecutionResult.FromErrors(operation.Errors!);
        }
        try
        {
            return await _executor.Value.ExecuteAsync(operation.Request!, operation.Parameters.Variables, null, services, contextData, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Unexpected(ex);
        }
    }

    /// <summary>The response stream of a valid prepared operation: one result for queries and mutations, one per event for subscriptions.</summary>
    public IAsyncEnumerable<ExecutionResult> SubscribeAsync(PreparedOperation operation, IServiceProvider? services, IDictionary<string, object?>? contextData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!operation.IsValid)
        {
            return Single(ExecutionResult.FromErrors(operation.Errors!));
        }
        return _executor.Value.SubscribeAsync(operation.Request!, operation.Parameters.Variables, null, services, contextData, cancellationToken);
    }

    /// <summary>
    /// The response stream of a valid prepared operation as payloads for a transport to send: like
    /// <see cref="SubscribeAsync"/>, except that a subscriber of a shareable subscription field
    /// (<see cref="Types.OutputField.Sharing"/>, <c>[SharedSubscription]</c>) joins the group of subscribers with the
    /// same operation, variables and sharing scope, and receives each event's result serialized once for the whole
    /// group. Its subscribe resolver still runs for it (its checks, e.g. authorization, are its own): the stream it
    /// returns is dropped unread and the token it was given cancelled at once.
    /// </summary>
    public async IAsyncEnumerable<SubscriptionPayload> StreamAsync(PreparedOperation operation, IServiceProvider? services, IDictionary<string, object?>? contextData, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (SharedSubscriptions is not { } registry || !Options.SharedSubscriptions.Enabled || !operation.IsValid
            || operation.Request is not { OperationType: Language.Ast.OperationType.Subscription, Operation: { } definition } request)
        {
            await foreach (var result in SubscribeAsync(operation, services, contextData, cancellationToken).ConfigureAwait(false))
            {
                yield return new SubscriptionPayload(result);
            }
            yield break;
        }

        var executor = _executor.Value;
        var variables = operation.Parameters.Variables;
        using var resolverCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Never throws for request failures: they are the source's Failure.
        var source = await executor.CreateSourceStreamAsync(request, variables, null, services, contextData, resolverCancellation.Token).ConfigureAwait(false);
        if (source.Stream is not { } stream)
        {
            yield return new SubscriptionPayload(source.Failure!);
            yield break;
        }
        if (source.SharingScope is not { } scope)
        {
            // Not shareable (or this subscriber's scope says no): its own executions, as SubscribeAsync.
            try
            {
                await foreach (var result in executor.MapSourceStream(request, stream, variables, services, contextData, cancellationToken).ConfigureAwait(false))
                {
                    yield return new SubscriptionPayload(result);
                }
            }
            finally
            {
                await resolverCancellation.CancelAsync().ConfigureAwait(false);
            }
            yield break;
        }

        // Admitted and shareable: drop this subscriber's own stream unread, then join (or start) its group.
        await resolverCancellation.CancelAsync().ConfigureAwait(false);
        await ReleaseAsync(stream).ConfigureAwait(false);
        var member = registry.Join(SubscriptionKey.Create(definition, variables, scope), Options.SharedSubscriptions, executor, request, variables, contextData);
        await using (member.ConfigureAwait(false))
        {
            await foreach (var json in member.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new SubscriptionPayload(json);
            }
        }
    }

    /// <summary>
    /// Releases a source stream that will never be read: an enumerator that never started, then the stream itself
    /// when it is a disposable source (a bus subscription) rather than a compiler-generated iterator.
    /// </summary>
    private static async ValueTask ReleaseAsync(IAsyncEnumerable<object?> stream)
    {
        try
        {
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync().ConfigureAwait(false);
            await stream.GetAsyncEnumerator(cancelled.Token).DisposeAsync().ConfigureAwait(false);
            if (stream is IAsyncDisposable disposable and not IAsyncEnumerator<object?>)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Releasing an unread stream is best effort; its token is cancelled already.
        }
    }

    /// <summary>An "Unexpected Execution Error" result (with the message in Development).</summary>
    public ExecutionResult Unexpected(Exception ex) =>
        ExecutionResult.FromError(new GraphQLError(IncludeExceptionDetails ? ex.Message : "Unexpected Execution Error", code: ErrorCodes.Unexpected, exception: ex));

    private static async IAsyncEnumerable<ExecutionResult> Single(ExecutionResult result)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return result;
    }

    private async ValueTask<(string? Text, GraphQLError? Error, bool Malformed)> ResolveDocumentTextAsync(GraphQLRequestParameters p, CancellationToken cancellationToken)
    {
        var persisted = Options.PersistedOperations;
        if (p.DocumentId is { } id)
        {
            var stored = await LookupAsync(id, cancellationToken).ConfigureAwait(false);
            return stored is not null
                ? (stored, null, false)
                : (null, new GraphQLError("PersistedQueryNotFound", code: TransportErrorCodes.PersistedQueryNotFound), false);
        }

        if (TryGetApqHash(p.Extensions, out var hash))
        {
            if (!persisted.EnableAutomaticPersistedQueries)
            {
                return (null, new GraphQLError("PersistedQueryNotSupported", code: TransportErrorCodes.PersistedQueryNotSupported), false);
            }
            if (p.Query is null)
            {
                var stored = await LookupAsync(hash, cancellationToken).ConfigureAwait(false);
                return stored is not null
                    ? (stored, null, false)
                    : (null, new GraphQLError("PersistedQueryNotFound", code: TransportErrorCodes.PersistedQueryNotFound), false);
            }
            if (!string.Equals(AutomaticPersistedQueryCache.Sha256Hex(p.Query), hash, StringComparison.OrdinalIgnoreCase))
            {
                return (null, new GraphQLError("provided sha does not match query", code: TransportErrorCodes.PersistedQueryHashMismatch), true);
            }
            if (persisted.OnlyPersisted)
            {
                return await LookupAsync(hash, cancellationToken).ConfigureAwait(false) is { } known
                    ? (known, null, false)
                    : (null, OnlyPersistedError(), false);
            }
            _apq.Add(hash, p.Query);
            return (p.Query, null, false);
        }

        if (p.Query is null)
        {
            return (null, new GraphQLError("Missing query", code: TransportErrorCodes.BadRequest), true);
        }
        if (persisted.OnlyPersisted && await LookupAsync(AutomaticPersistedQueryCache.Sha256Hex(p.Query), cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, OnlyPersistedError(), false);
        }
        return (p.Query, null, false);
    }

    private static GraphQLError OnlyPersistedError() =>
        new("Only persisted operations are accepted by this server.", code: TransportErrorCodes.PersistedOperationsOnly);

    private async ValueTask<string?> LookupAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var store in _stores)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } text)
            {
                return text;
            }
        }
        // Documents registered at run time count as persisted only while clients may register them.
        return Options.PersistedOperations.OnlyPersisted ? null : _apq.Get(id);
    }

    private static bool TryGetApqHash(IReadOnlyDictionary<string, object?>? extensions, out string hash)
    {
        hash = "";
        if (extensions?.GetValueOrDefault("persistedQuery") is IReadOnlyDictionary<string, object?> pq
            && pq.GetValueOrDefault("sha256Hash") is string h && h.Length > 0)
        {
            hash = h;
            return true;
        }
        return false;
    }
}
