using System.Runtime.CompilerServices;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// Executes parsed documents against a schema (spec §6). This does not validate: hosts use
/// GraphQLExecutor, which parses, validates and caches before executing.
/// </summary>
public static class Executor
{
    /// <summary>
    /// ExecuteRequest (spec §6.1) for queries and mutations: GetOperation, CoerceVariableValues, then
    /// ExecuteQuery or ExecuteMutation. A subscription operation is executed once, as for a query.
    /// </summary>
    public static ValueTask<ExecutionResult> ExecuteAsync(
        Schema schema,
        DocumentNode document,
        string? operationName = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        object? rootValue = null,
        ExecutionOptions? options = null,
        IServiceProvider? services = null,
        IDictionary<string, object?>? contextData = null,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(schema, new PreparedDocument(document), operationName, new ExecutionInputs(variables, rootValue, services, contextData), options, cancellationToken);

    /// <summary>Executes <paramref name="request"/>.Document (which must be set).</summary>
    public static ValueTask<ExecutionResult> ExecuteAsync(Schema schema, GraphQLRequest request, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (request.Document is null)
        {
            return new(ExecutionResult.FromError(new GraphQLError("The request has no parsed document.", code: ErrorCodes.Unexpected)));
        }
        return ExecuteAsync(schema, new PreparedDocument(request.Document), request.OperationName, ExecutionInputs.From(request), options, cancellationToken);
    }

    /// <summary>Subscribe (spec §6.2.3) to <paramref name="request"/>.Document (which must be set).</summary>
    public static IAsyncEnumerable<ExecutionResult> SubscribeAsync(Schema schema, GraphQLRequest request, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (request.Document is null)
        {
            return Single(ExecutionResult.FromError(new GraphQLError("The request has no parsed document.", code: ErrorCodes.Unexpected)));
        }
        var document = new PreparedDocument(request.Document);
        var operation = document.GetOperation(request.OperationName, out var operationError);
        return operation is null
            ? Single(ExecutionResult.FromError(operationError!))
            : SubscribeAsync(schema, document, operation, ExecutionInputs.From(request), options, cancellationToken);
    }

    private static ValueTask<ExecutionResult> ExecuteAsync(Schema schema, PreparedDocument document, string? operationName, ExecutionInputs inputs, ExecutionOptions? options, CancellationToken cancellationToken)
    {
        var operation = document.GetOperation(operationName, out var operationError);
        return operation is null
            ? new(ExecutionResult.FromError(operationError!))
            : ExecuteAsync(schema, document, operation, inputs, options, cancellationToken);
    }

    /// <summary>Executes an operation already selected from <paramref name="document"/> (GraphQLExecutor's prepared requests).</summary>
    internal static ValueTask<ExecutionResult> ExecuteAsync(Schema schema, PreparedDocument document, OperationDefinitionNode operation, ExecutionInputs inputs, ExecutionOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            var context = CreateContext(schema, document, operation, inputs, options, inputs.RootValue, false, cancellationToken, out var failure);
            return context is null ? new(failure!) : context.ExecuteAsync();
        }
        catch (Exception ex)
        {
            return new(Unexpected(ex, options));
        }
    }

    private static OperationContext? CreateContext(
        Schema schema,
        PreparedDocument document,
        OperationDefinitionNode operation,
        ExecutionInputs inputs,
        ExecutionOptions? options,
        object? rootValue,
        bool isSubscriptionEvent,
        CancellationToken cancellationToken,
        out ExecutionResult? failure)
    {
        failure = null;
        var variables = InputCoercion.CoerceVariableValues(schema, operation, inputs.Variables, out var variableErrors);
        if (variableErrors is not null)
        {
            failure = ExecutionResult.FromErrors(variableErrors);
            return null;
        }
        return new OperationContext(schema, document, operation, variables, rootValue, options, inputs.Services, inputs.ContextData, null, isSubscriptionEvent, cancellationToken);
    }

    internal static ExecutionResult Unexpected(Exception ex, ExecutionOptions? options) =>
        ExecutionResult.FromError(new GraphQLError(
            options?.IncludeExceptionDetails == true ? ex.Message : "Unexpected Execution Error",
            code: ErrorCodes.Unexpected, exception: ex));

    internal static async IAsyncEnumerable<ExecutionResult> Single(ExecutionResult result)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return result;
    }

    /// <summary>
    /// Subscribe: CreateSourceEventStream, then MapSourceToResponseEvent — every event is executed as the root
    /// value of the operation. A non-subscription operation yields its single result.
    /// </summary>
    internal static async IAsyncEnumerable<ExecutionResult> SubscribeAsync(
        Schema schema,
        PreparedDocument document,
        OperationDefinitionNode operation,
        ExecutionInputs inputs,
        ExecutionOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (operation.Operation != OperationType.Subscription)
        {
            yield return await ExecuteAsync(schema, document, operation, inputs, options, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        using var streamCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var source = await CreateSourceStreamAsync(schema, document, operation, inputs, options, streamCancellation.Token).ConfigureAwait(false);
        if (source.Stream is not { } stream)
        {
            yield return source.Failure!;
            yield break;
        }
        try
        {
            await foreach (var result in MapSourceStreamAsync(schema, document, operation, inputs, options, stream, streamCancellation, cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // The consumer stopped (or the source ended): cancel the source stream (MapSourceStreamAsync disposed it).
            await streamCancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// MapSourceToResponseEvent: executes the operation once per event of <paramref name="stream"/> (the event is the
    /// root value). A failing source ends the sequence with its error as the last result. <paramref name="streamCancellation"/>,
    /// when given, is cancelled before the source is disposed (it is the token the source was created with).
    /// </summary>
    internal static async IAsyncEnumerable<ExecutionResult> MapSourceStreamAsync(
        Schema schema,
        PreparedDocument document,
        OperationDefinitionNode operation,
        ExecutionInputs inputs,
        ExecutionOptions? options,
        IAsyncEnumerable<object?> stream,
        CancellationTokenSource? streamCancellation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = stream.GetAsyncEnumerator(streamCancellation?.Token ?? cancellationToken);
        try
        {
            while (true)
            {
                object? sourceEvent = null;
                ExecutionResult? streamError = null;
                bool hasNext;
                try
                {
                    hasNext = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    if (hasNext) sourceEvent = enumerator.Current;
                }
                catch (OperationCanceledException) when (streamCancellation?.IsCancellationRequested == true || cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                catch (Exception ex)
                {
                    hasNext = false;
                    streamError = ex is GraphQLException g
                        ? ExecutionResult.FromError(new GraphQLError(g.Message, code: g.Code, extensions: g.ErrorExtensions))
                        : Unexpected(ex, options);
                }
                if (streamError is not null)
                {
                    yield return streamError;
                    yield break;
                }
                if (!hasNext)
                {
                    yield break;
                }
                yield return await ExecuteEventAsync(schema, document, operation, inputs, options, sourceEvent, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (streamCancellation is not null)
            {
                await streamCancellation.CancelAsync().ConfigureAwait(false);
            }
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Disposal failures of the source are not the client's concern.
            }
        }
    }

    private static async ValueTask<ExecutionResult> ExecuteEventAsync(Schema schema, PreparedDocument document, OperationDefinitionNode operation, ExecutionInputs inputs, ExecutionOptions? options, object? sourceEvent, CancellationToken cancellationToken)
    {
        try
        {
            var context = CreateContext(schema, document, operation, inputs, options, sourceEvent, true, cancellationToken, out var failure);
            return context is null ? failure! : await context.ExecuteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Unexpected(ex, options);
        }
    }

    /// <summary>
    /// CreateSourceEventStream (spec §6.2.3.1): runs the root field's subscriber, then, for a shareable field
    /// (<see cref="OutputField.Sharing"/>), computes the subscriber's sharing scope.
    /// </summary>
    internal static async ValueTask<SubscriptionSource> CreateSourceStreamAsync(
        Schema schema, PreparedDocument document, OperationDefinitionNode operation, ExecutionInputs inputs, ExecutionOptions? options, CancellationToken cancellationToken)
    {
        OperationContext? context;
        ExecutionResult? failure;
        try
        {
            // The subscribe resolver's token lives as long as the stream it creates (streams subscribe with it), so the
            // execution timeout, which bounds executing one request or event, must not be linked into it: it killed
            // every subscription whose stream honoured its token once the timeout elapsed after subscribing.
            var sourceOptions = options?.Timeout is null ? options : new ExecutionOptions { IncludeExceptionDetails = options.IncludeExceptionDetails };
            context = CreateContext(schema, document, operation, inputs, sourceOptions, inputs.RootValue, false, cancellationToken, out failure);
        }
        catch (Exception ex)
        {
            return new SubscriptionSource(null, Unexpected(ex, options), null, null);
        }
        if (context is null)
        {
            return new SubscriptionSource(null, failure, null, null);
        }
        var rootType = schema.SubscriptionType;
        if (rootType is null)
        {
            return SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError("Schema is not configured to execute subscription operation.", GraphQLError.At(context.Operation), code: ErrorCodes.OperationNotFound)));
        }

        var plans = context.GetRootPlans(rootType);
        if (plans.Length == 0)
        {
            return SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError("A subscription must select one field.", GraphQLError.At(context.Operation), code: ErrorCodes.ValidationFailed)));
        }
        var plan = plans[0];
        var path = new object[] { plan.ResponseKey };
        if (plan.Field is not { } field)
        {
            return SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError("The subscription root field cannot be __typename.", GraphQLError.At(plan.Node), path, ErrorCodes.ValidationFailed)));
        }
        if (!plan.TryGetArguments(context.Variables, out var arguments, out var argumentError))
        {
            return SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError(argumentError!.Message, argumentError.Locations, path, argumentError.Code)));
        }

        var resolverContext = new ResolverContext();
        var root = new ResultMap(plans);
        resolverContext.Initialize(context, plan, inputs.RootValue, arguments, root, 0);
        try
        {
            IAsyncEnumerable<object?>? stream = null;
            if (field.Subscriber is { } subscriber)
            {
                stream = await subscriber(resolverContext).ConfigureAwait(false);
            }
            else if (field.Resolver is { } resolver && await resolver(resolverContext).ConfigureAwait(false) is IAsyncEnumerable<object?> resolved)
            {
                stream = resolved;
            }
            if (stream is not null)
            {
                // The scope is computed once the subscriber admitted this subscription (its checks passed).
                string? scope;
                try
                {
                    scope = field.Sharing?.GetScope(resolverContext);
                }
                catch (Exception)
                {
                    if (stream is IAsyncDisposable disposable)
                    {
                        await disposable.DisposeAsync().ConfigureAwait(false);
                    }
                    throw;
                }
                return new SubscriptionSource(stream, null, field, scope);
            }
            return SubscriptionSource.Failed(ExecutionResult.FromError(new GraphQLError(
                $"Subscription field \"{rootType.Name}.{field.Name}\" does not provide an event stream.",
                GraphQLError.At(plan.Node), path, ErrorCodes.Unexpected)));
        }
        catch (Exception ex)
        {
            return SubscriptionSource.Failed(ExecutionResult.FromError(context.ToError(ex, plan, path)));
        }
    }
}

/// <summary>The per-execution values of a request, apart from its document and operation.</summary>
internal readonly record struct ExecutionInputs(
    IReadOnlyDictionary<string, object?>? Variables,
    object? RootValue,
    IServiceProvider? Services,
    IDictionary<string, object?>? ContextData)
{
    public static ExecutionInputs From(GraphQLRequest request) => new(request.Variables, request.RootValue, request.Services, request.ContextData);
}
