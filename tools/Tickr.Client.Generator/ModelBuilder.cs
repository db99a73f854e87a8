using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.Client.Generator;

/// <summary>
/// Builds the C# types of a validated document. A class per object type a selection set can meet (its fields
/// collected as spec §6.3.2 CollectFields does, fragments merged in); an interface per fragment, and per field of
/// interface or union type. A selection set carries the interfaces ("labels") its fields belong to, so that the class
/// collecting a field also implements the interface that declares it, and the field's own type implements the
/// interface's nested one.
/// </summary>
internal sealed class ModelBuilder
{
    private readonly Schema _schema;
    private readonly DocumentNode _document;
    private readonly GeneratorOptions _options;
    private readonly SourceMap _sources;
    private readonly List<GeneratorDiagnostic> _diagnostics;
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceModel> _fragmentInterfaces = new(StringComparer.Ordinal);
    private readonly NameRegistry _names = new();
    private readonly HashSet<FieldNode> _reportedDeprecations = [];
    private readonly HashSet<string> _enumNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inputNames = new(StringComparer.Ordinal);
    private readonly ClientModel _model;

    public ModelBuilder(Schema schema, DocumentNode document, GeneratorOptions options, SourceMap sources, List<GeneratorDiagnostic> diagnostics)
    {
        _schema = schema;
        _document = document;
        _options = options;
        _sources = sources;
        _diagnostics = diagnostics;
        _model = new ClientModel { Mapper = new TypeMapper(options.Scalars) };
    }

    private TypeMapper Mapper => _model.Mapper;

    public ClientModel Build()
    {
        foreach (var fragment in _document.Definitions.OfType<FragmentDefinitionNode>())
        {
            _fragments[fragment.Name.Value] = fragment;
        }
        var client = _options.ClientName;
        foreach (var reserved in new[] { $"I{client}Client", $"{client}Client", $"{client}JsonContext", $"{client}Operations", $"{client}ClientServiceCollectionExtensions" })
        {
            _names.Reserve(reserved);
        }
        // Schema type names first (inputs and enums keep their GraphQL names), so that result types give way.
        foreach (var type in _schema.AllTypes)
        {
            if (type is InputObjectType or EnumType)
            {
                _names.Reserve(type.Name);
            }
        }

        foreach (var operation in _document.Definitions.OfType<OperationDefinitionNode>())
        {
            _model.Operations.Add(BuildOperation(operation));
        }
        // Fragment interfaces exist even when only nested parts of them are reached.
        foreach (var fragment in _fragments.Values)
        {
            FragmentInterface(fragment);
        }
        // Finishing an interface may create the nested interfaces its properties need: a work list.
        for (var i = 0; i < _model.Interfaces.Count; i++)
        {
            Finish(_model.Interfaces[i]);
        }
        _model.Enums.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        _model.Inputs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return _model;
    }

    private OperationModel BuildOperation(OperationDefinitionNode operation)
    {
        var name = Naming.Pascal(operation.Name!.Value);
        var root = _schema.GetRootType(operation.Operation)!;
        var text = PrintOperation(operation);
        var model = new OperationModel
        {
            Name = name,
            GraphQLName = operation.Name.Value,
            Kind = operation.Operation,
            Description = operation.Description?.Value,
            Document = text,
            Id = ClientGenerator.OperationId(text),
            Result = null!,
        };
        foreach (var variable in operation.VariableDefinitions)
        {
            var type = ToType(variable.Type);
            var named = TypeMapper.Unwrap(type);
            var csharp = Mapper.Wrap(type, InputNamed(named));
            var required = type is NonNullType && variable.DefaultValue is null;
            if (!required && !csharp.EndsWith('?'))
            {
                csharp += "?";
            }
            _model.ExtraSerializable.Add(Mapper.TypeOf(csharp));
            model.Variables.Add(new VariableModel(variable.Variable.Name.Value, Naming.Parameter(variable.Variable.Name.Value), csharp, required,
                variable.DefaultValue is { } d ? Printer.Print(d) : null, variable.Description?.Value));
        }
        model.Result = Collect(_names.Unique(name + "Result"), name, root, root, [new Source(operation.SelectionSet, [])], model);
        return model;
    }

    /// <summary>The operation and the fragments it uses (transitively), printed canonically: what the client sends.</summary>
    private string PrintOperation(OperationDefinitionNode operation)
    {
        var used = new List<FragmentDefinitionNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(SelectionSetNode set)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode { SelectionSet: { } sub }:
                        Walk(sub);
                        break;
                    case InlineFragmentNode inline:
                        Walk(inline.SelectionSet);
                        break;
                    case FragmentSpreadNode spread when seen.Add(spread.Name.Value):
                        var fragment = _fragments[spread.Name.Value];
                        used.Add(fragment);
                        Walk(fragment.SelectionSet);
                        break;
                }
            }
        }
        Walk(operation.SelectionSet);
        var definitions = new List<DefinitionNode>
        {
            new OperationDefinitionNode
            {
                Operation = operation.Operation,
                Name = operation.Name,
                VariableDefinitions = operation.VariableDefinitions.Select(v => new VariableDefinitionNode
                {
                    Variable = v.Variable,
                    Type = v.Type,
                    DefaultValue = v.DefaultValue,
                    Directives = v.Directives,
                }).ToList(),
                Directives = operation.Directives,
                SelectionSet = operation.SelectionSet,
            },
        };
        definitions.AddRange(used.Select(f => new FragmentDefinitionNode
        {
            Name = f.Name,
            TypeCondition = f.TypeCondition,
            Directives = f.Directives,
            SelectionSet = f.SelectionSet,
        }));
        return Printer.Print(new DocumentNode { Definitions = definitions });
    }

    private sealed record Source(SelectionSetNode Set, IReadOnlyList<InterfaceModel> Labels);

    private sealed class CollectedField(string key, FieldNode node, bool conditional)
    {
        public string Key { get; } = key;
        public FieldNode Node { get; } = node;
        public bool Conditional { get; set; } = conditional;
        public List<Source> Subs { get; } = [];
    }

    /// <summary>
    /// The class for objects of type <paramref name="concrete"/> (null: of a type no selection names) met where
    /// <paramref name="position"/> is expected.
    /// </summary>
    private ClassModel Collect(string name, string prefix, ObjectType? concrete, NamedType position, IReadOnlyList<Source> sources, OperationModel owner)
    {
        var cls = new ClassModel { Name = name, Owner = owner.Name, Concrete = concrete, Position = position };
        owner.Classes.Add(cls);
        var fields = new List<CollectedField>();
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);

        void Visit(SelectionSetNode set, IReadOnlyList<InterfaceModel> labels, NamedType context, bool conditional)
        {
            foreach (var label in labels)
            {
                if (!cls.Implements.Contains(label))
                {
                    cls.Implements.Add(label);
                }
            }
            foreach (var selection in set.Selections)
            {
                var c = conditional || IsConditional(selection.Directives);
                switch (selection)
                {
                    case FieldNode field:
                        var key = field.ResponseKey;
                        if (!byKey.TryGetValue(key, out var collected))
                        {
                            collected = new CollectedField(key, field, c);
                            byKey.Add(key, collected);
                            fields.Add(collected);
                        }
                        else
                        {
                            collected.Conditional &= c;
                        }
                        if (field.SelectionSet is { } sub)
                        {
                            collected.Subs.Add(new Source(sub, labels.Select(l => Nested(l, key)).ToList()));
                        }
                        break;
                    case InlineFragmentNode inline:
                        var condition = inline.TypeCondition is { } tc ? _schema.GetType(tc.Name.Value)! : null;
                        if (!Applies(condition, concrete, position))
                        {
                            break;
                        }
                        if (condition is null || _schema.IsSubType(condition, context))
                        {
                            Visit(inline.SelectionSet, labels, context, c);
                        }
                        else if (condition is InterfaceType or UnionType && !c)
                        {
                            Visit(inline.SelectionSet, labels.Select(l => Narrowed(l, condition)).ToList(), condition, c);
                        }
                        else
                        {
                            Visit(inline.SelectionSet, [], condition, c);
                        }
                        break;
                    case FragmentSpreadNode spread:
                        var fragment = _fragments[spread.Name.Value];
                        var fragmentType = _schema.GetType(fragment.TypeCondition.Name.Value)!;
                        if (Applies(fragmentType, concrete, position))
                        {
                            Visit(fragment.SelectionSet, c ? [] : [FragmentInterface(fragment)], fragmentType, c);
                        }
                        break;
                }
            }
        }

        foreach (var source in sources)
        {
            Visit(source.Set, source.Labels, position, false);
        }

        var typeForFields = (NamedType?)concrete ?? position;
        foreach (var field in fields)
        {
            var fieldName = field.Node.Name.Value;
            var description = (string?)null;
            var deprecation = (string?)null;
            string csharp;
            bool required;
            if (fieldName == "__typename")
            {
                csharp = field.Conditional ? "string?" : "string";
                required = !field.Conditional;
            }
            else
            {
                var def = ((IComplexOutputType)typeForFields).Fields[fieldName]!;
                description = def.Description;
                deprecation = def.DeprecationReason;
                ReportDeprecated(field.Node, def, typeForFields);
                var named = TypeMapper.Unwrap(def.Type);
                var namedCSharp = named is ObjectType or InterfaceType or UnionType
                    ? Position(prefix + "_" + Naming.Pascal(field.Key), named, field.Subs, owner)
                    : OutputLeaf(named);
                csharp = Mapper.Wrap(def.Type, namedCSharp, forceNullable: field.Conditional);
                required = def.Type is NonNullType && !field.Conditional;
            }
            cls.Properties.Add(new PropertyModel(field.Key, PropertyName(field.Key, cls.Name), csharp, required, description, deprecation));
        }
        return cls;
    }

    /// <summary>The C# type of a field of composite type: a class for an object type; for an abstract type an interface with its classes.</summary>
    private string Position(string name, NamedType type, IReadOnlyList<Source> sources, OperationModel owner)
    {
        if (type is ObjectType objectType)
        {
            var className = _names.Unique(name);
            return Collect(className, className, objectType, type, sources, owner).Name;
        }

        var iface = new InterfaceModel
        {
            Name = _names.Unique("I" + name),
            Owner = owner.Name,
            Context = type,
            Description = type.Description,
        };
        _model.Interfaces.Add(iface);
        foreach (var source in sources)
        {
            if (source.Labels.Count == 0)
            {
                iface.Sets.Add(source.Set);
            }
            foreach (var label in source.Labels)
            {
                if (!iface.Bases.Contains(label))
                {
                    iface.Bases.Add(label);
                }
            }
        }
        var effective = sources.Select(s => s.Labels.Count == 0 ? new Source(s.Set, [iface]) : s).ToList();
        var mentioned = Mentioned(type, sources);
        var cases = new List<(string, ClassModel)>();
        foreach (var possible in _schema.GetPossibleTypes(type))
        {
            if (mentioned.Contains(possible))
            {
                var className = _names.Unique(name + "_" + possible.Name);
                var cls = Collect(className, className, possible, type, effective, owner);
                EnsureFirst(cls, iface);
                cases.Add((possible.Name, cls));
            }
        }
        var fallbackName = _names.Unique(name + "_Other");
        var fallback = Collect(fallbackName, fallbackName, null, type, effective, owner);
        EnsureFirst(fallback, iface);
        var position = new AbstractPosition(iface, cases, fallback, _names.Unique(name + "JsonConverter"));
        iface.Position = position;
        owner.Positions.Add(position);
        return iface.Name;

        static void EnsureFirst(ClassModel cls, InterfaceModel iface)
        {
            cls.Implements.Remove(iface);
            cls.Implements.Insert(0, iface);
        }
    }

    /// <summary>The object types that selections at a position single out (by a type condition narrower than the position's type).</summary>
    private HashSet<ObjectType> Mentioned(NamedType position, IReadOnlyList<Source> sources)
    {
        var result = new HashSet<ObjectType>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(SelectionSetNode set)
        {
            foreach (var selection in set.Selections)
            {
                NamedType? condition = null;
                SelectionSetNode? inner = null;
                if (selection is InlineFragmentNode inline)
                {
                    condition = inline.TypeCondition is { } tc ? _schema.GetType(tc.Name.Value) : null;
                    inner = inline.SelectionSet;
                }
                else if (selection is FragmentSpreadNode spread && seen.Add(spread.Name.Value))
                {
                    var fragment = _fragments[spread.Name.Value];
                    condition = _schema.GetType(fragment.TypeCondition.Name.Value);
                    inner = fragment.SelectionSet;
                }
                if (condition is not null && !_schema.IsSubType(condition, position))
                {
                    foreach (var possible in _schema.GetPossibleTypes(position))
                    {
                        if (_schema.IsSubType(condition, possible))
                        {
                            result.Add(possible);
                        }
                    }
                }
                if (inner is not null)
                {
                    Walk(inner);
                }
            }
        }
        foreach (var source in sources)
        {
            Walk(source.Set);
        }
        return result;
    }

    private bool Applies(NamedType? condition, ObjectType? concrete, NamedType position) =>
        condition is null || (concrete is not null ? _schema.IsSubType(condition, concrete) : _schema.IsSubType(condition, position));

    private static bool IsConditional(IReadOnlyList<DirectiveNode> directives) =>
        directives.Any(d => d.Name.Value is "skip" or "include");

    private InterfaceModel FragmentInterface(FragmentDefinitionNode fragment)
    {
        if (_fragmentInterfaces.TryGetValue(fragment.Name.Value, out var existing))
        {
            return existing;
        }
        var iface = new InterfaceModel
        {
            Name = _names.Unique("I" + Naming.Pascal(fragment.Name.Value)),
            Owner = null,
            Context = _schema.GetType(fragment.TypeCondition.Name.Value)!,
            Description = fragment.Description?.Value ?? $"The fields of fragment {fragment.Name.Value} on {fragment.TypeCondition.Name.Value}.",
        };
        iface.Sets.Add(fragment.SelectionSet);
        _fragmentInterfaces.Add(fragment.Name.Value, iface);
        _model.Interfaces.Add(iface);
        return iface;
    }

    /// <summary>The interface of the objects a field of <paramref name="label"/> holds.</summary>
    private InterfaceModel Nested(InterfaceModel label, string key)
    {
        if (label.Nested.TryGetValue(key, out var existing))
        {
            return existing;
        }
        NamedType? type = null;
        var sets = new List<SelectionSetNode>();
        foreach (var (field, _) in AlwaysFields(label))
        {
            if (field.ResponseKey == key && field.SelectionSet is { } sub)
            {
                type ??= TypeMapper.Unwrap(((IComplexOutputType)label.Context).Fields[field.Name.Value]!.Type);
                sets.Add(sub);
            }
        }
        var nested = new InterfaceModel
        {
            Name = _names.Unique(label.Name + "_" + Naming.Pascal(key)),
            Owner = label.Owner,
            Context = type ?? throw new InvalidOperationException($"{label.Name} has no field {key}."),
            Description = type.Description,
        };
        nested.Sets.AddRange(sets);
        label.Nested.Add(key, nested);
        _model.Interfaces.Add(nested);
        return nested;
    }

    /// <summary>The interface of an inline fragment on an abstract type narrower than <paramref name="label"/>'s type.</summary>
    private InterfaceModel Narrowed(InterfaceModel label, NamedType condition)
    {
        if (label.Narrowed.TryGetValue(condition.Name, out var existing))
        {
            return existing;
        }
        var narrowed = new InterfaceModel
        {
            Name = _names.Unique(label.Name + "_" + condition.Name),
            Owner = label.Owner,
            Context = condition,
            Description = condition.Description,
        };
        void Walk(SelectionSetNode set, NamedType context)
        {
            foreach (var inline in set.Selections.OfType<InlineFragmentNode>())
            {
                if (IsConditional(inline.Directives))
                {
                    continue;
                }
                var type = inline.TypeCondition is { } tc ? _schema.GetType(tc.Name.Value)! : null;
                if (type is null || _schema.IsSubType(type, context))
                {
                    Walk(inline.SelectionSet, context);
                }
                else if (type == condition)
                {
                    narrowed.Sets.Add(inline.SelectionSet);
                }
            }
        }
        foreach (var set in label.Sets)
        {
            Walk(set, label.Context);
        }
        label.Narrowed.Add(condition.Name, narrowed);
        _model.Interfaces.Add(narrowed);
        return narrowed;
    }

    /// <summary>The fields that hold for every object of an interface's type: not under a narrower type condition.</summary>
    private List<(FieldNode Field, bool Conditional)> AlwaysFields(InterfaceModel label)
    {
        var result = new List<(FieldNode, bool)>();
        void Walk(SelectionSetNode set, bool conditional)
        {
            foreach (var selection in set.Selections)
            {
                var c = conditional || IsConditional(selection.Directives);
                switch (selection)
                {
                    case FieldNode field:
                        result.Add((field, c));
                        break;
                    case InlineFragmentNode inline:
                        var type = inline.TypeCondition is { } tc ? _schema.GetType(tc.Name.Value)! : null;
                        if (type is null || _schema.IsSubType(type, label.Context))
                        {
                            Walk(inline.SelectionSet, c);
                        }
                        break;
                }
            }
        }
        foreach (var set in label.Sets)
        {
            Walk(set, false);
        }
        return result;
    }

    /// <summary>Properties and base interfaces of an interface.</summary>
    private void Finish(InterfaceModel iface)
    {
        if (iface.Finished)
        {
            return;
        }
        iface.Finished = true;
        // Fragments spread unconditionally on the interface's type (or a wider one) become base interfaces.
        void Spreads(SelectionSetNode set)
        {
            foreach (var selection in set.Selections)
            {
                if (IsConditional(selection.Directives))
                {
                    continue;
                }
                if (selection is FragmentSpreadNode spread)
                {
                    var fragment = _fragments[spread.Name.Value];
                    var type = _schema.GetType(fragment.TypeCondition.Name.Value)!;
                    if (_schema.IsSubType(type, iface.Context))
                    {
                        var baseInterface = FragmentInterface(fragment);
                        if (!iface.Bases.Contains(baseInterface))
                        {
                            iface.Bases.Add(baseInterface);
                        }
                    }
                }
                else if (selection is InlineFragmentNode inline)
                {
                    var type = inline.TypeCondition is { } tc ? _schema.GetType(tc.Name.Value)! : null;
                    if (type is null || _schema.IsSubType(type, iface.Context))
                    {
                        Spreads(inline.SelectionSet);
                    }
                }
            }
        }
        foreach (var set in iface.Sets)
        {
            Spreads(set);
        }

        var order = new List<string>();
        var conditionalByKey = new Dictionary<string, bool>(StringComparer.Ordinal);
        var nodeByKey = new Dictionary<string, FieldNode>(StringComparer.Ordinal);
        foreach (var (field, conditional) in AlwaysFields(iface))
        {
            if (conditionalByKey.TryGetValue(field.ResponseKey, out var before))
            {
                conditionalByKey[field.ResponseKey] = before && conditional;
            }
            else
            {
                order.Add(field.ResponseKey);
                conditionalByKey.Add(field.ResponseKey, conditional);
                nodeByKey.Add(field.ResponseKey, field);
            }
        }
        foreach (var key in order)
        {
            var node = nodeByKey[key];
            var conditional = conditionalByKey[key];
            if (node.Name.Value == "__typename")
            {
                iface.Properties.Add(new PropertyModel(key, PropertyName(key, iface.Name), conditional ? "string?" : "string", !conditional, null, null));
                continue;
            }
            var def = ((IComplexOutputType)iface.Context).Fields[node.Name.Value]!;
            var named = TypeMapper.Unwrap(def.Type);
            var namedCSharp = named is ObjectType or InterfaceType or UnionType ? Nested(iface, key).Name : OutputLeaf(named);
            iface.Properties.Add(new PropertyModel(key, PropertyName(key, iface.Name), Mapper.Wrap(def.Type, namedCSharp, conditional),
                def.Type is NonNullType && !conditional, def.Description, def.DeprecationReason));
        }
    }

    private static string PropertyName(string key, string typeName)
    {
        var name = Naming.Pascal(key);
        return name == typeName ? name + "Value" : name;
    }

    private void ReportDeprecated(FieldNode node, OutputField def, NamedType type)
    {
        if (def.DeprecationReason is { } reason && node.Location is { } at && _reportedDeprecations.Add(node))
        {
            var (path, line) = _sources.Resolve(at.Line);
            _diagnostics.Add(new(path, line, at.Column, DiagnosticSeverity.Warning, DiagnosticCodes.DeprecatedUsage,
                $"The field {type.Name}.{def.Name} is deprecated: {reason}"));
        }
    }

    private string OutputLeaf(NamedType type) => type switch
    {
        EnumType e => Enum(e),
        ScalarType s => Mapper.Scalar(s.Name),
        _ => throw new InvalidOperationException($"{type.Name} is not a leaf type."),
    };

    private string InputNamed(NamedType type) => type switch
    {
        EnumType e => Enum(e),
        ScalarType s => Mapper.Scalar(s.Name),
        InputObjectType i => Input(i),
        _ => throw new InvalidOperationException($"{type.Name} is not an input type."),
    };

    private string Enum(EnumType type)
    {
        if (_enumNames.Add(type.Name))
        {
            Mapper.Enums.Add(type.Name);
            _model.Enums.Add(new EnumModel(type.Name, type.Description,
                type.Values.Select(v => new EnumMemberModel(v.Name, Naming.EnumMember(v.Name), v.Description, v.DeprecationReason)).ToList()));
        }
        return type.Name;
    }

    private string Input(InputObjectType type)
    {
        if (!_inputNames.Add(type.Name))
        {
            return type.Name;
        }
        var fields = new List<InputFieldModel>();
        foreach (var field in type.Fields)
        {
            var named = InputNamed(TypeMapper.Unwrap(field.Type));
            var name = PropertyName(field.Name, type.Name);
            var defaultText = field.DefaultValue is { } d ? Printer.Print(d) : null;
            if (type.IsOneOf)
            {
                var csharp = Mapper.Wrap(field.Type, named, forceNullable: true);
                fields.Add(new InputFieldModel(field.Name, name, csharp, csharp, InputFieldKind.OneOf, field.Description, field.DeprecationReason, defaultText));
            }
            else if (field.Type is NonNullType && field.DefaultValue is null)
            {
                var csharp = Mapper.Wrap(field.Type, named);
                fields.Add(new InputFieldModel(field.Name, name, csharp, csharp, InputFieldKind.Required, field.Description, field.DeprecationReason, null));
            }
            else
            {
                var value = Mapper.Wrap(field.Type, named);
                _model.ExtraSerializable.Add(Mapper.TypeOf(value));
                fields.Add(new InputFieldModel(field.Name, name, $"global::Tickr.Client.Optional<{value}>", value, InputFieldKind.Optional,
                    field.Description, field.DeprecationReason, defaultText));
            }
        }
        _model.Inputs.Add(new InputModel(type.Name, type.Description, type.IsOneOf, fields));
        return type.Name;
    }

    private IGraphQLType ToType(TypeNode node) => node switch
    {
        NonNullTypeNode nn => new NonNullType(ToType(nn.Type)),
        ListTypeNode list => new ListType(ToType(list.Type)),
        NamedTypeNode named => _schema.GetType(named.Name.Value)!,
        _ => throw new InvalidOperationException("Unknown type node."),
    };
}
