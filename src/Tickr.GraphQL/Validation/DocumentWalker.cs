using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Walks an executable document once, keeping the type information of <see cref="ValidationContext"/> current,
/// and calls every visitor that overrides the callback for the node at hand (graphql-js ParallelVisitor +
/// TypeInfo, without per-node allocation: type information lives in locals of the recursive walk).
/// </summary>
internal sealed class DocumentWalker
{
    private static readonly ConcurrentDictionary<Type, ulong> EventsByType = new();

    private const int EventCount = (int)EventIndex.EnterNamedType + 1;

    private readonly ValidationContext _ctx;
    private readonly ValidationVisitor[] _enterDocument, _leaveDocument, _enterOperation, _leaveOperation,
        _enterFragmentDefinition, _leaveFragmentDefinition, _enterVariableDefinition, _leaveVariableDefinition,
        _enterSelectionSet, _leaveSelectionSet, _enterField, _leaveField, _enterFragmentSpread,
        _enterInlineFragment, _leaveInlineFragment, _enterDirective, _leaveDirective, _enterArgument,
        _leaveArgument, _enterValue, _leaveValue, _enterObjectField, _leaveObjectField, _enterNamedType;

    public DocumentWalker(ValidationContext context, IReadOnlyList<ValidationVisitor> visitors)
    {
        _ctx = context;
        var lists = new List<ValidationVisitor>[EventCount];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }
        foreach (var v in visitors)
        {
            var events = EventsByType.GetOrAdd(v.GetType(), FindOverrides);
            for (var e = 0; e < EventCount; e++)
            {
                if ((events & (1UL << e)) != 0)
                {
                    lists[e].Add(v);
                }
            }
        }
        ValidationVisitor[] Get(EventIndex e) => [.. lists[(int)e]];
        _enterDocument = Get(EventIndex.EnterDocument);
        _leaveDocument = Get(EventIndex.LeaveDocument);
        _enterOperation = Get(EventIndex.EnterOperation);
        _leaveOperation = Get(EventIndex.LeaveOperation);
        _enterFragmentDefinition = Get(EventIndex.EnterFragmentDefinition);
        _leaveFragmentDefinition = Get(EventIndex.LeaveFragmentDefinition);
        _enterVariableDefinition = Get(EventIndex.EnterVariableDefinition);
        _leaveVariableDefinition = Get(EventIndex.LeaveVariableDefinition);
        _enterSelectionSet = Get(EventIndex.EnterSelectionSet);
        _leaveSelectionSet = Get(EventIndex.LeaveSelectionSet);
        _enterField = Get(EventIndex.EnterField);
        _leaveField = Get(EventIndex.LeaveField);
        _enterFragmentSpread = Get(EventIndex.EnterFragmentSpread);
        _enterInlineFragment = Get(EventIndex.EnterInlineFragment);
        _leaveInlineFragment = Get(EventIndex.LeaveInlineFragment);
        _enterDirective = Get(EventIndex.EnterDirective);
        _leaveDirective = Get(EventIndex.LeaveDirective);
        _enterArgument = Get(EventIndex.EnterArgument);
        _leaveArgument = Get(EventIndex.LeaveArgument);
        _enterValue = Get(EventIndex.EnterValue);
        _leaveValue = Get(EventIndex.LeaveValue);
        _enterObjectField = Get(EventIndex.EnterObjectField);
        _leaveObjectField = Get(EventIndex.LeaveObjectField);
        _enterNamedType = Get(EventIndex.EnterNamedType);
    }

    public void Walk(DocumentNode document)
    {
        var ctx = _ctx;
        foreach (var v in _enterDocument) v.EnterDocument(ctx, document);
        var definitions = document.Definitions;
        var index = 0;
        for (var i = 0; i < definitions.Count; i++)
        {
            switch (definitions[i])
            {
                case OperationDefinitionNode op:
                    ctx.DefinitionIndex = index++;
                    WalkOperation(op);
                    break;
                case FragmentDefinitionNode fragment:
                    ctx.DefinitionIndex = index++;
                    WalkFragmentDefinition(fragment);
                    break;
            }
        }
        ctx.DefinitionIndex = -1;
        ctx.Definition = null;
        foreach (var v in _leaveDocument) v.LeaveDocument(ctx, document);
    }

    private void WalkOperation(OperationDefinitionNode op)
    {
        var ctx = _ctx;
        ctx.Definition = op;
        ctx.Type = ctx.Schema.GetRootType(op.Operation);
        ctx.ParentType = null;
        ctx.FieldDefinition = null;
        foreach (var v in _enterOperation) v.EnterOperation(ctx, op);
        var variables = op.VariableDefinitions;
        for (var i = 0; i < variables.Count; i++)
        {
            WalkVariableDefinition(variables[i]);
        }
        WalkDirectives(op.Directives, op.Operation switch
        {
            OperationType.Query => DirectiveLocation.QUERY,
            OperationType.Mutation => DirectiveLocation.MUTATION,
            _ => DirectiveLocation.SUBSCRIPTION,
        });
        WalkSelectionSet(op.SelectionSet);
        foreach (var v in _leaveOperation) v.LeaveOperation(ctx, op);
        ctx.Type = null;
    }

    private void WalkFragmentDefinition(FragmentDefinitionNode fragment)
    {
        var ctx = _ctx;
        ctx.Definition = fragment;
        var type = ctx.Schema.GetType(fragment.TypeCondition.Name.Value);
        ctx.Type = type is not null && type.IsOutputType() ? type : null;
        ctx.ParentType = null;
        ctx.FieldDefinition = null;
        foreach (var v in _enterFragmentDefinition) v.EnterFragmentDefinition(ctx, fragment);
        foreach (var v in _enterNamedType) v.EnterNamedType(ctx, fragment.TypeCondition);
        WalkDirectives(fragment.Directives, DirectiveLocation.FRAGMENT_DEFINITION);
        WalkSelectionSet(fragment.SelectionSet);
        foreach (var v in _leaveFragmentDefinition) v.LeaveFragmentDefinition(ctx, fragment);
        ctx.Type = null;
    }

    private void WalkVariableDefinition(VariableDefinitionNode node)
    {
        var ctx = _ctx;
        var type = ctx.GetTypeFromAst(node.Type);
        ctx.InputType = type is not null && type.IsInputType() ? type : null;
        ctx.ParentInputType = null;
        ctx.DefaultValue = null;
        foreach (var v in _enterVariableDefinition) v.EnterVariableDefinition(ctx, node);
        if (_enterNamedType.Length > 0)
        {
            var t = node.Type;
            while (t is not NamedTypeNode)
            {
                t = t switch
                {
                    ListTypeNode l => l.Type,
                    NonNullTypeNode n => n.Type,
                    _ => null,
                };
                if (t is null) break;
            }
            if (t is NamedTypeNode named)
            {
                foreach (var v in _enterNamedType) v.EnterNamedType(ctx, named);
            }
        }
        if (node.DefaultValue is { } defaultValue)
        {
            // A default value is a constant: it records no variable usage even if it (invalidly) holds one.
            var saved = ctx.DefinitionIndex;
            ctx.DefinitionIndex = -1;
            WalkValue(defaultValue);
            ctx.DefinitionIndex = saved;
        }
        ctx.InputType = null;
        WalkDirectives(node.Directives, DirectiveLocation.VARIABLE_DEFINITION);
        ctx.InputType = type is not null && type.IsInputType() ? type : null;
        foreach (var v in _leaveVariableDefinition) v.LeaveVariableDefinition(ctx, node);
        ctx.InputType = null;
    }

    private void WalkSelectionSet(SelectionSetNode set)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new InsufficientExecutionStackException();
        }
        var ctx = _ctx;
        var savedParent = ctx.ParentType;
        var named = ctx.Type?.NamedType();
        ctx.ParentType = named is not null && named.IsCompositeType() ? named : null;
        foreach (var v in _enterSelectionSet) v.EnterSelectionSet(ctx, set);
        var selections = set.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            switch (selections[i])
            {
                case FieldNode field: WalkField(field); break;
                case FragmentSpreadNode spread: WalkFragmentSpread(spread); break;
                case InlineFragmentNode inline: WalkInlineFragment(inline); break;
            }
        }
        foreach (var v in _leaveSelectionSet) v.LeaveSelectionSet(ctx, set);
        ctx.ParentType = savedParent;
    }

    private void WalkField(FieldNode field)
    {
        var ctx = _ctx;
        var savedDef = ctx.FieldDefinition;
        var savedType = ctx.Type;
        var def = ctx.ParentType is { } parent ? ctx.SchemaInfo.GetFieldDef(parent, field.Name.Value) : null;
        ctx.FieldDefinition = def;
        ctx.Type = def?.Type;
        foreach (var v in _enterField) v.EnterField(ctx, field);
        WalkArguments(field.Arguments, def?.Arguments);
        WalkDirectives(field.Directives, DirectiveLocation.FIELD);
        if (field.SelectionSet is { } sub)
        {
            WalkSelectionSet(sub);
        }
        foreach (var v in _leaveField) v.LeaveField(ctx, field);
        ctx.FieldDefinition = savedDef;
        ctx.Type = savedType;
    }

    private void WalkFragmentSpread(FragmentSpreadNode spread)
    {
        var ctx = _ctx;
        foreach (var v in _enterFragmentSpread) v.EnterFragmentSpread(ctx, spread);
        WalkDirectives(spread.Directives, DirectiveLocation.FRAGMENT_SPREAD);
    }

    private void WalkInlineFragment(InlineFragmentNode inline)
    {
        var ctx = _ctx;
        var savedType = ctx.Type;
        IGraphQLType? type = inline.TypeCondition is { } condition ? ctx.Schema.GetType(condition.Name.Value) : ctx.Type?.NamedType();
        ctx.Type = type is not null && type.IsOutputType() ? type : null;
        foreach (var v in _enterInlineFragment) v.EnterInlineFragment(ctx, inline);
        if (inline.TypeCondition is { } tc)
        {
            foreach (var v in _enterNamedType) v.EnterNamedType(ctx, tc);
        }
        WalkDirectives(inline.Directives, DirectiveLocation.INLINE_FRAGMENT);
        WalkSelectionSet(inline.SelectionSet);
        foreach (var v in _leaveInlineFragment) v.LeaveInlineFragment(ctx, inline);
        ctx.Type = savedType;
    }

    private void WalkDirectives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location)
    {
        if (directives.Count == 0)
        {
            return;
        }
        var ctx = _ctx;
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            var def = ctx.Schema.GetDirective(directive.Name.Value);
            ctx.Directive = def;
            ctx.DirectiveLocation = location;
            foreach (var v in _enterDirective) v.EnterDirective(ctx, directive);
            WalkArguments(directive.Arguments, def?.Arguments);
            foreach (var v in _leaveDirective) v.LeaveDirective(ctx, directive);
            ctx.Directive = null;
        }
    }

    private void WalkArguments(IReadOnlyList<ArgumentNode> arguments, FieldCollection<InputValue>? definitions)
    {
        if (arguments.Count == 0)
        {
            return;
        }
        var ctx = _ctx;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var def = definitions?[argument.Name.Value];
            ctx.Argument = def;
            ctx.InputType = def is not null && def.Type.IsInputType() ? def.Type : null;
            ctx.ParentInputType = null;
            ctx.DefaultValue = def?.DefaultValue;
            foreach (var v in _enterArgument) v.EnterArgument(ctx, argument);
            WalkValue(argument.Value);
            foreach (var v in _leaveArgument) v.LeaveArgument(ctx, argument);
            ctx.Argument = null;
            ctx.InputType = null;
            ctx.DefaultValue = null;
        }
    }

    private void WalkValue(ValueNode value)
    {
        var ctx = _ctx;
        foreach (var v in _enterValue) v.EnterValue(ctx, value);
        switch (value)
        {
            case VariableNode variable:
                ctx.AddVariableUsage(variable);
                break;
            case ListValueNode list when list.Values.Count > 0:
            {
                if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
                {
                    throw new InsufficientExecutionStackException();
                }
                var savedType = ctx.InputType;
                var savedParent = ctx.ParentInputType;
                var savedDefault = ctx.DefaultValue;
                var listType = savedType?.Nullable();
                var itemType = listType is ListType l ? l.OfType : listType;
                ctx.ParentInputType = savedType;
                ctx.InputType = itemType is not null && itemType.IsInputType() ? itemType : null;
                ctx.DefaultValue = null;
                for (var i = 0; i < list.Values.Count; i++)
                {
                    WalkValue(list.Values[i]);
                }
                ctx.InputType = savedType;
                ctx.ParentInputType = savedParent;
                ctx.DefaultValue = savedDefault;
                break;
            }
            case ObjectValueNode obj when obj.Fields.Count > 0:
            {
                if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
                {
                    throw new InsufficientExecutionStackException();
                }
                var savedType = ctx.InputType;
                var savedParent = ctx.ParentInputType;
                var savedDefault = ctx.DefaultValue;
                var objectType = savedType?.NamedType() as InputObjectType;
                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    var field = obj.Fields[i];
                    var def = objectType?.Fields[field.Name.Value];
                    ctx.ParentInputType = savedType;
                    ctx.InputType = def is not null && def.Type.IsInputType() ? def.Type : null;
                    ctx.DefaultValue = def?.DefaultValue;
                    foreach (var v in _enterObjectField) v.EnterObjectField(ctx, field);
                    WalkValue(field.Value);
                    foreach (var v in _leaveObjectField) v.LeaveObjectField(ctx, field);
                }
                ctx.InputType = savedType;
                ctx.ParentInputType = savedParent;
                ctx.DefaultValue = savedDefault;
                break;
            }
        }
        foreach (var v in _leaveValue) v.LeaveValue(ctx, value);
    }

    private static ulong FindOverrides(Type type)
    {
        ulong events = 0;
        for (var e = 0; e < EventCount; e++)
        {
            var name = ((EventIndex)e).ToString();
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance);
            if (method is not null && method.DeclaringType != typeof(ValidationVisitor))
            {
                events |= 1UL << e;
            }
        }
        return events;
    }

    /// <summary>Names match the <see cref="ValidationVisitor"/> methods, which is how overrides are found.</summary>
    private enum EventIndex
    {
        EnterDocument, LeaveDocument, EnterOperation, LeaveOperation, EnterFragmentDefinition,
        LeaveFragmentDefinition, EnterVariableDefinition, LeaveVariableDefinition, EnterSelectionSet,
        LeaveSelectionSet, EnterField, LeaveField, EnterFragmentSpread, EnterInlineFragment, LeaveInlineFragment,
        EnterDirective, LeaveDirective, EnterArgument, LeaveArgument, EnterValue, LeaveValue, EnterObjectField,
        LeaveObjectField, EnterNamedType,
    }
}
