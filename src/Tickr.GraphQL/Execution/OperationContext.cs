using System.Collections;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// Executes one operation (spec §6.2–§6.4) and owns everything that lives for its duration.
/// <para>
/// Scheduling: fields are executed depth-first. A resolver that completes synchronously is completed inline
/// (no Task is created); one that returns an unfinished ValueTask is awaited by a small continuation and the
/// executor moves on, so all asynchronous resolvers of a level start together. The context is the
/// <see cref="SynchronizationContext"/> of resolver code, so every continuation (the engine's and the
/// resolvers' own <c>await</c>s) is queued here and run one at a time by <see cref="RunUntilIdleAsync"/>.
/// That makes "nothing can run" observable: when the queue is empty while fields are still pending, every
/// started resolver is waiting, and that is exactly when pending DataLoader batches are dispatched. Batching
/// is therefore deterministic, independent of timing. Resolvers must not block on tasks (<c>.Result</c>),
/// which would stall the queue, just as in any single-threaded synchronization context.
/// </para>
/// </summary>
internal sealed class OperationContext : SynchronizationContext
{
    private static readonly IServiceProvider NoServices = new EmptyServiceProvider();

    private readonly ExecutionOptions _options;
    private readonly CancellationToken _externalToken;
    private readonly long _startTimestamp;
    private readonly bool _isSubscriptionEvent;
    private IDictionary<string, object?>? _contextData;
    private CancellationTokenSource? _linkedSource;
    private DataLoaderRegistry? _loaders;
    private List<GraphQLError>? _errors;

    private Dictionary<(SelectionSetNode, ObjectType), FieldPlan[]>? _subPlans;
    private ResultMap? _root;
    private bool _rootIsNull;

    // Asynchronous machinery: only touched on the thread running the sync pass or the queue pump,
    // except the queue itself and the errors list (locked on this).
    private int _pending;
    private ResolverContext? _pendingHead;
    private ResolverContext? _pendingTail;
    private Queue<(SendOrPostCallback Callback, object? State)>? _queue;
    private TaskCompletionSource? _signal;
    private volatile bool _completed;
    private ResolverContext? _spareContext;

    public OperationContext(
        Schema schema,
        PreparedDocument document,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        object? rootValue,
        ExecutionOptions? options,
        IServiceProvider? services,
        IDictionary<string, object?>? contextData,
        DataLoaderRegistry? loaders,
        bool isSubscriptionEvent,
        CancellationToken cancellationToken)
    {
        Schema = schema;
        Document = document;
        Operation = operation;
        Variables = variables;
        RootValue = rootValue;
        _options = options ?? ExecutionOptions.Default;
        Services = services ?? NoServices;
        _contextData = contextData;
        _loaders = loaders;
        _isSubscriptionEvent = isSubscriptionEvent;
        _externalToken = cancellationToken;
        _startTimestamp = _options.Timeout is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
    }

    public Schema Schema { get; }
    public PreparedDocument Document { get; }
    public OperationDefinitionNode Operation { get; }
    public IReadOnlyDictionary<string, object?> Variables { get; }
    public object? RootValue { get; }
    public IServiceProvider Services { get; }
    public ExecutionOptions Options => _options;

    public IDictionary<string, object?> ContextData => _contextData ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    public IDataLoaderRegistry DataLoaders
    {
        get
        {
            if (_loaders is { } loaders) return loaders;
            Interlocked.CompareExchange(ref _loaders, new DataLoaderRegistry(Services) { PendingKeysAdded = Wake }, null);
            return _loaders;
        }
    }

    /// <summary>The caller's token, linked with the operation timeout when one is configured.</summary>
    public CancellationToken CancellationToken => _options.Timeout is null ? _externalToken : EnsureLinkedSource().Token;

    private bool IsTimedOut => _linkedSource is { IsCancellationRequested: true } && !_externalToken.IsCancellationRequested;

    private CancellationTokenSource EnsureLinkedSource()
    {
        if (_linkedSource is { } existing) return existing;
        var source = _externalToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_externalToken) : new CancellationTokenSource();
        var remaining = _options.Timeout!.Value - System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp);
        if (remaining <= TimeSpan.Zero) source.Cancel();
        else source.CancelAfter(remaining);
        if (Interlocked.CompareExchange(ref _linkedSource, source, null) is { } winner)
        {
            source.Dispose();
            return winner;
        }
        return source;
    }

    // ------------------------------------------------------------------ operation entry points

    /// <summary>ExecuteQuery / ExecuteMutation / one subscription event (spec §6.2).</summary>
    public ValueTask<ExecutionResult> ExecuteAsync()
    {
        var rootType = Schema.GetRootType(Operation.Operation);
        if (rootType is null)
        {
            return new(ExecutionResult.FromError(new GraphQLError(
                $"Schema is not configured to execute {Operation.Operation.ToString().ToLowerInvariant()} operation.",
                GraphQLError.At(Operation), code: ErrorCodes.OperationNotFound)));
        }
        if (_externalToken.IsCancellationRequested)
        {
            return new(ExecutionResult.FromError(new GraphQLError("Execution was cancelled.", code: ErrorCodes.Cancelled)));
        }

        var plans = GetRootPlans(rootType);
        _root = new ResultMap(plans);

        if (Operation.Operation == OperationType.Mutation)
        {
            return ExecuteSeriallyAsync(rootType, _root);
        }

        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            ExecuteFields(rootType, RootValue, _root);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        return _pending == 0 ? new(BuildResult()) : new(CompleteAsync());
    }

    internal FieldPlan[] GetRootPlans(ObjectType rootType)
    {
        if (Document.GetCachedRootPlans(Operation) is { } cached && ReferenceEquals(cached.Length > 0 ? cached[0].ParentType : rootType, rootType))
        {
            return cached;
        }
        var plans = FieldCollector.CollectRoot(this, rootType, Operation.SelectionSet);
        if (Document.SharesPlans)
        {
            Document.CacheRootPlans(Operation, plans);
        }
        return plans;
    }

    /// <summary>
    /// The fields of a sub-selection for one object type. A field with a single node shares the result with every
    /// other field whose node has the same selection set (e.g. all spreads of one fragment).
    /// </summary>
    internal FieldPlan[] CollectSubfields(ObjectType type, FieldPlan parent)
    {
        if (parent.HasMergedNodes || parent.Node.SelectionSet is not { } selectionSet)
        {
            return FieldCollector.CollectSubfields(this, type, parent);
        }
        if (!Document.PlansDependOnVariables)
        {
            if (Document.GetSubPlans(selectionSet, type) is { } shared) return shared;
            var plans = FieldCollector.CollectSubfields(this, type, parent);
            Document.AddSubPlans(selectionSet, type, plans);
            return plans;
        }
        _subPlans ??= [];
        if (!_subPlans.TryGetValue((selectionSet, type), out var local))
        {
            local = FieldCollector.CollectSubfields(this, type, parent);
            _subPlans.Add((selectionSet, type), local);
        }
        return local;
    }

    private async Task<ExecutionResult> CompleteAsync()
    {
        await RunUntilIdleAsync().ConfigureAwait(false);
        return BuildResult();
    }

    /// <summary>ExecuteSelectionSet for mutations: each root field, with all its sub-fields, finishes before the next starts.</summary>
    private async ValueTask<ExecutionResult> ExecuteSeriallyAsync(ObjectType rootType, ResultMap root)
    {
        var fields = root.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                ExecuteField(rootType, RootValue, fields[i], root, i);
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
            if (_pending > 0)
            {
                await RunUntilIdleAsync().ConfigureAwait(false);
            }
            if (_completed || root.Detached)
            {
                break;
            }
        }
        return BuildResult();
    }

    private ExecutionResult BuildResult()
    {
        GraphQLError[]? errors;
        Queue<(SendOrPostCallback, object?)>? leftovers;
        lock (this)
        {
            _completed = true;
            errors = _errors is { Count: > 0 } list ? [.. list] : null;
            leftovers = _queue;
            _queue = null;
        }
        ForwardToThreadPool(leftovers);
        _linkedSource?.Dispose();
        return new ExecutionResult { Data = _rootIsNull ? null : _root, HasData = true, Errors = errors };
    }

    // ------------------------------------------------------------------ fields

    /// <summary>ExecuteSelectionSet for queries (fields resolved concurrently) and nested objects.</summary>
    private void ExecuteFields(ObjectType type, object? source, ResultMap map)
    {
        var fields = map.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            ExecuteField(type, source, fields[i], map, i);
            if (map.Detached) return;
        }
    }

    /// <summary>ExecuteField (spec §6.4): coerce arguments, resolve, complete.</summary>
    private void ExecuteField(ObjectType type, object? source, FieldPlan plan, ResultMap map, int index)
    {
        if (plan.Kind == FieldPlanKind.TypeName)
        {
            map.Slots[index] = type.Name;
            return;
        }

        var field = plan.Field!;
        if (!plan.TryGetArguments(Variables, out var arguments, out var argumentError))
        {
            AddError(new GraphQLError(argumentError!.Message, argumentError.Locations ?? GraphQLError.At(plan.Node), map.PathOf(index), argumentError.Code));
            NullSlot(field.Type, map, index);
            return;
        }

        var fast = plan.GetFastPath(field);
        if (fast.Read is { } read)
        {
            // A code-first property of the parent: what the compiled resolver does, minus context and ValueTask.
            object? value;
            try
            {
                value = read(source);
            }
            catch (Exception ex)
            {
                HandleFieldException(ex, plan, map, index);
                return;
            }
            if (fast.IsSerializedLeaf(value))
            {
                map.Slots[index] = value;
                return;
            }
            CompleteValue(fast.Type, plan, value, map, index);
            return;
        }

        var resolver = fast.Resolver;
        if (resolver is null)
        {
            object? value;
            if (_isSubscriptionEvent && ReferenceEquals(map, _root))
            {
                // The event itself is the value of a subscription root field without a resolver.
                value = source;
            }
            else
            {
                try
                {
                    value = DefaultResolver.Resolve(plan, source);
                }
                catch (Exception ex)
                {
                    HandleFieldException(ex, plan, map, index);
                    return;
                }
            }
            if (fast.IsSerializedLeaf(value))
            {
                map.Slots[index] = value;
                return;
            }
            CompleteValue(fast.Type, plan, value, map, index);
            return;
        }

        var context = _spareContext ?? new ResolverContext();
        _spareContext = null;
        context.Initialize(this, plan, source, arguments, map, index);

        ValueTask<object?> task;
        try
        {
            task = resolver(context);
        }
        catch (Exception ex)
        {
            ReturnContext(context);
            HandleFieldException(ex, plan, map, index);
            return;
        }

        if (task.IsCompletedSuccessfully)
        {
            var value = task.Result;
            ReturnContext(context);
            if (fast.IsSerializedLeaf(value))
            {
                map.Slots[index] = value;
                return;
            }
            CompleteValue(fast.Type, plan, value, map, index);
            return;
        }

        if (task.IsCompleted)
        {
            ReturnContext(context);
            try
            {
                task.GetAwaiter().GetResult();
                HandleFieldException(new InvalidOperationException("The resolver's task completed without a result."), plan, map, index);
            }
            catch (Exception ex)
            {
                HandleFieldException(ex, plan, map, index);
            }
            return;
        }

        AddPending(context);
        _ = AwaitFieldAsync(task, context);
    }

    private async Task AwaitFieldAsync(ValueTask<object?> task, ResolverContext context)
    {
        object? value = null;
        Exception? error = null;
        try
        {
            // Resumes through this synchronization context (the caller set it as current).
            value = await task;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        if (_completed)
        {
            return;
        }
        RemovePending(context);
        var plan = context.Plan;
        var container = context.Container;
        var index = context.Index;
        ReturnContext(context);
        if (container.IsDetached)
        {
            return;
        }
        try
        {
            if (error is not null) HandleFieldException(error, plan, container, index);
            else CompleteValue(plan.Field!.Type, plan, value, container, index);
        }
        catch (Exception ex)
        {
            // Only engine bugs land here; never let them escape into the queue.
            AddError(new GraphQLError("Unexpected Execution Error", GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected, exception: ex));
        }
    }

    private void ReturnContext(ResolverContext context)
    {
        context.Clear();
        _spareContext = context;
    }

    // ------------------------------------------------------------------ value completion

    /// <summary>CompleteValue (spec §6.4.3) into slot <paramref name="index"/> of <paramref name="container"/>.</summary>
    private void CompleteValue(IGraphQLType type, FieldPlan plan, object? result, ResultNode container, int index)
    {
        if (type is NonNullType nonNull)
        {
            if (result is null)
            {
                AddError(new GraphQLError(
                    $"Cannot return null for non-nullable field {plan.ParentType.Name}.{plan.Field!.Name}.",
                    GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.NonNullViolation));
                PropagateNull(container);
                return;
            }
            CompleteNonNullValue(nonNull.OfType, plan, result, container, index, true);
            return;
        }
        if (result is null)
        {
            container.Slots[index] = null;
            return;
        }
        CompleteNonNullValue(type, plan, result, container, index, false);
    }

    private void CompleteNonNullValue(IGraphQLType type, FieldPlan plan, object result, ResultNode container, int index, bool nonNull)
    {
        switch (type)
        {
            case ScalarType scalar:
            {
                string? failure = null;
                try
                {
                    if (scalar.TrySerialize(result, out var serialized) && serialized is not null)
                    {
                        container.Slots[index] = serialized;
                        return;
                    }
                }
                catch (GraphQLException ex)
                {
                    failure = ex.Message;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException)
                {
                    failure = null;
                }
                LeafError(failure ?? DescribeSerializeError(scalar, result), plan, container, index, nonNull);
                return;
            }

            case EnumType enumType:
            {
                if (enumType.FindByRuntimeValue(result) is { } enumValue)
                {
                    container.Slots[index] = enumValue.Name;
                    return;
                }
                LeafError($"Enum \"{enumType.Name}\" cannot represent value: {Utilities.JsFormat.Inspect(result)}", plan, container, index, nonNull);
                return;
            }

            case ObjectType objectType:
                CompleteObjectValue(objectType, plan, result, container, index, nonNull);
                return;

            case ListType listType:
                CompleteListValue(listType, plan, result, container, index, nonNull);
                return;

            case IAbstractType abstractType:
            {
                var resolved = ResolveAbstractType(abstractType, result, plan, out var message);
                if (resolved is null)
                {
                    AddError(new GraphQLError(message!, GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected));
                    NullSlot(nonNull, container, index);
                    return;
                }
                CompleteObjectValue(resolved, plan, result, container, index, nonNull);
                return;
            }

            default:
                AddError(new GraphQLError($"Cannot complete value of unexpected output type \"{type}\".", GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected));
                NullSlot(nonNull, container, index);
                return;
        }
    }

    private static string DescribeSerializeError(ScalarType scalar, object value)
    {
        try
        {
            return scalar.DescribeSerializeError(value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"{scalar.Name} cannot represent value: {Utilities.JsFormat.Inspect(value)}";
        }
    }

    private void LeafError(string message, FieldPlan plan, ResultNode container, int index, bool nonNull)
    {
        AddError(new GraphQLError(message, GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.SerializationFailed));
        NullSlot(nonNull, container, index);
    }

    private void CompleteObjectValue(ObjectType type, FieldPlan plan, object result, ResultNode container, int index, bool nonNull)
    {
        if (type.IsTypeOf is { } isTypeOf && !isTypeOf(result))
        {
            AddError(new GraphQLError(
                $"Expected value of type \"{type.Name}\" but got: {Utilities.JsFormat.Inspect(result)}.",
                GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected));
            NullSlot(nonNull, container, index);
            return;
        }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            AddError(new GraphQLError("The result is nested too deeply to be completed.", GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected));
            NullSlot(nonNull, container, index);
            return;
        }

        var fields = plan.GetSubPlans(type, this);
        var map = new ResultMap(fields) { Parent = container, ParentIndex = index, NonNullInParent = nonNull };
        container.Slots[index] = map;
        ExecuteFields(type, result, map);
    }

    private void CompleteListValue(ListType type, FieldPlan plan, object result, ResultNode container, int index, bool nonNull)
    {
        if (result is string || result is not IEnumerable enumerable)
        {
            AddError(new GraphQLError(
                $"Expected Iterable, but did not find one for field \"{plan.ParentType.Name}.{plan.Field!.Name}\".",
                GraphQLError.At(plan.Node), container.PathOf(index), ErrorCodes.Unexpected));
            NullSlot(nonNull, container, index);
            return;
        }

        var itemType = type.OfType;
        if (result is IReadOnlyList<object?> readOnlyList)
        {
            // Lists of reference types (covariance): indexed access without buffering or boxing.
            var count = readOnlyList.Count;
            var resultList = new ResultList(count) { Parent = container, ParentIndex = index, NonNullInParent = nonNull };
            container.Slots[index] = resultList;
            for (var i = 0; i < count; i++)
            {
                CompleteValue(itemType, plan, readOnlyList[i], resultList, i);
                if (resultList.Detached) return;
            }
            return;
        }
        if (result is IList list)
        {
            var count = list.Count;
            var resultList = new ResultList(count) { Parent = container, ParentIndex = index, NonNullInParent = nonNull };
            container.Slots[index] = resultList;
            for (var i = 0; i < count; i++)
            {
                CompleteValue(itemType, plan, list[i], resultList, i);
                if (resultList.Detached) return;
            }
            return;
        }

        List<object?> buffer;
        try
        {
            buffer = new List<object?>(result is ICollection collection ? collection.Count : 8);
            foreach (var item in enumerable)
            {
                buffer.Add(item);
            }
        }
        catch (Exception ex)
        {
            HandleFieldException(ex, plan, container, index);
            return;
        }

        var items = new ResultList(buffer.Count) { Parent = container, ParentIndex = index, NonNullInParent = nonNull };
        container.Slots[index] = items;
        for (var i = 0; i < buffer.Count; i++)
        {
            CompleteValue(itemType, plan, buffer[i], items, i);
            if (items.Detached) return;
        }
    }

    private ObjectType? ResolveAbstractType(IAbstractType abstractType, object value, FieldPlan plan, out string? error)
    {
        error = null;
        ObjectType? resolved;
        try
        {
            resolved = AbstractTypeResolver.Resolve(Schema, abstractType, value);
        }
        catch (GraphQLException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = _options.IncludeExceptionDetails ? ex.Message : "Unexpected Execution Error";
            return null;
        }

        if (resolved is null)
        {
            error = $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{plan.ParentType.Name}.{plan.Field!.Name}\". Either the \"{abstractType.Name}\" type should provide a \"ResolveType\" function or each possible type should provide an \"IsTypeOf\" function or a RuntimeType.";
            return null;
        }
        if (!Schema.IsPossibleType((NamedType)abstractType, resolved))
        {
            error = $"Runtime Object type \"{resolved.Name}\" is not a possible type for \"{abstractType.Name}\".";
            return null;
        }
        return resolved;
    }

    // ------------------------------------------------------------------ errors and null propagation

    private void HandleFieldException(Exception exception, FieldPlan plan, ResultNode container, int index)
    {
        AddError(ToError(exception, plan, container.PathOf(index)));
        NullSlot(plan.Field?.Type is NonNullType, container, index);
    }

    internal GraphQLError ToError(Exception exception, FieldPlan plan, IReadOnlyList<object>? path)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }
        var locations = GraphQLError.At(plan.Node);
        switch (exception)
        {
            case GraphQLException graphQL:
                return new GraphQLError(graphQL.Message, graphQL.Error?.Locations ?? locations, path, graphQL.Code, graphQL.ErrorExtensions, graphQL.InnerException);
            case OperationCanceledException:
                return IsTimedOut
                    ? new GraphQLError("Execution timed out.", locations, path, ErrorCodes.Timeout, exception: exception)
                    : new GraphQLError("Execution was cancelled.", locations, path, ErrorCodes.Cancelled, exception: exception);
            default:
                return new GraphQLError(
                    _options.IncludeExceptionDetails ? exception.Message : "Unexpected Execution Error",
                    locations, path, ErrorCodes.Unexpected, exception: exception);
        }
    }

    public void AddError(GraphQLError error)
    {
        lock (this)
        {
            if (_completed) return;
            (_errors ??= []).Add(error);
        }
    }

    private void NullSlot(IGraphQLType type, ResultNode container, int index) => NullSlot(type is NonNullType, container, index);

    private void NullSlot(bool nonNull, ResultNode container, int index)
    {
        if (nonNull)
        {
            PropagateNull(container);
        }
        else
        {
            container.Slots[index] = null;
        }
    }

    /// <summary>
    /// A non-null position in <paramref name="node"/> became null: the node itself becomes null in its parent,
    /// and so on upwards while the slots are non-null (spec §6.4.4).
    /// </summary>
    private void PropagateNull(ResultNode node)
    {
        while (true)
        {
            node.Detached = true;
            if (node.Parent is not { } parent)
            {
                _rootIsNull = true;
                return;
            }
            parent.Slots[node.ParentIndex] = null;
            if (!node.NonNullInParent)
            {
                return;
            }
            node = parent;
        }
    }

    // ------------------------------------------------------------------ pending fields and the work queue

    private void AddPending(ResolverContext context)
    {
        _pending++;
        context.PrevPending = _pendingTail;
        context.NextPending = null;
        if (_pendingTail is null) _pendingHead = context;
        else _pendingTail.NextPending = context;
        _pendingTail = context;
    }

    private void RemovePending(ResolverContext context)
    {
        _pending--;
        if (context.PrevPending is null) _pendingHead = context.NextPending;
        else context.PrevPending.NextPending = context.NextPending;
        if (context.NextPending is null) _pendingTail = context.PrevPending;
        else context.NextPending.PrevPending = context.PrevPending;
        context.PrevPending = context.NextPending = null;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this)
        {
            if (!_completed)
            {
                (_queue ??= new Queue<(SendOrPostCallback, object?)>()).Enqueue((d, state));
                var signal = _signal;
                _signal = null;
                signal?.TrySetResult();
                return;
            }
        }
        // The operation is over (timeout or cancellation): let late resolver code finish on the thread pool.
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.d(s.state), (d, state), preferLocal: false);
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    private void Wake()
    {
        TaskCompletionSource? signal;
        lock (this)
        {
            signal = _signal;
            _signal = null;
        }
        signal?.TrySetResult();
    }

    /// <summary>
    /// Runs queued continuations until no field is pending. When the queue is empty but fields are pending,
    /// every started resolver is waiting: pending DataLoader batches are dispatched then; otherwise the loop
    /// waits for the next continuation, the timeout or cancellation.
    /// </summary>
    internal async Task RunUntilIdleAsync()
    {
        var token = CancellationToken;
        using var registration = token.CanBeCanceled
            ? token.UnsafeRegister(static s => ((OperationContext)s!).Wake(), this)
            : default;

        while (true)
        {
            Pump();
            if (_completed || _pending == 0)
            {
                return;
            }
            if (token.IsCancellationRequested)
            {
                Abort();
                return;
            }

            Task wait;
            lock (this)
            {
                // Keys may have been added by resolver code running off the queue (ConfigureAwait(false)):
                // their loader wakes us through Wake, which takes this lock, so checking here closes the race.
                if (_queue is { Count: > 0 } || _loaders is { HasPendingKeys: true })
                {
                    continue;
                }
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _signal.Task;
            }
            await wait.ConfigureAwait(false);
        }
    }

    private void Pump()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (this)
                {
                    if (_queue is null || !_queue.TryDequeue(out item))
                    {
                        item = default;
                    }
                }
                if (item.Callback is not null)
                {
                    try
                    {
                        item.Callback(item.State);
                    }
                    catch (Exception ex)
                    {
                        AddError(new GraphQLError("Unexpected Execution Error", code: ErrorCodes.Unexpected, exception: ex));
                    }
                    if (_externalToken.IsCancellationRequested || _linkedSource is { IsCancellationRequested: true })
                    {
                        return;
                    }
                    continue;
                }

                // Nothing runnable: every started resolver waits. Dispatch DataLoader batches now.
                if (_pending > 0 && _loaders is { } loaders && loaders.DispatchPending(CancellationToken))
                {
                    continue;
                }
                return;
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Timeout or cancellation: every field still pending gets an error and null (with propagation).</summary>
    private void Abort()
    {
        var code = IsTimedOut ? ErrorCodes.Timeout : ErrorCodes.Cancelled;
        var message = code == ErrorCodes.Timeout ? "Execution timed out." : "Execution was cancelled.";
        var errors = new List<GraphQLError>();
        for (var context = _pendingHead; context is not null; context = context.NextPending)
        {
            if (context.Container.IsDetached) continue;
            errors.Add(new GraphQLError(message, GraphQLError.At(context.Plan.Node), context.Container.PathOf(context.Index), code));
            NullSlot(context.Plan.Field!.Type, context.Container, context.Index);
        }
        foreach (var error in errors) AddError(error);

        Queue<(SendOrPostCallback, object?)>? leftovers;
        lock (this)
        {
            _completed = true;
            leftovers = _queue;
            _queue = null;
        }
        ForwardToThreadPool(leftovers);
    }

    /// <summary>Continuations queued but not run when the operation ended (e.g. fire-and-forget work) still run.</summary>
    private static void ForwardToThreadPool(Queue<(SendOrPostCallback, object?)>? items)
    {
        while (items is not null && items.TryDequeue(out var item))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Item1(s.Item2), item, preferLocal: false);
        }
    }

    /// <summary>The result once <see cref="AbortedOrDone"/> (used by subscriptions and tests).</summary>
    internal bool AbortedOrDone => _completed;

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
