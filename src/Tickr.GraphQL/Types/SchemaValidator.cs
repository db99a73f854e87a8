using Tickr.GraphQL.Introspection;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>
/// Type-system validation (spec §3 "Type Validation" of each kind, graphql-js <c>validateSchema</c>, same messages):
/// root types, reserved <c>__</c> names, fields and their argument types, interface implementation (fields present,
/// covariant field types, equal argument types, extra arguments optional, transitive interfaces declared, no self or
/// circular implementation), union members, enum values, input fields, unbreakable non-null input object cycles,
/// @oneOf fields and directive definitions.
/// </summary>
public static partial class SchemaValidator
{
    /// <summary>Every problem of the schema; empty when it is valid.</summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema)
    {
        // Root types need no check here: the C# model only admits object types as roots.
        var errors = new List<GraphQLError>();
        void Report(string message, params SyntaxNode?[] nodes) => errors.Add(new GraphQLError(message, GraphQLError.At(nodes)));

        ValidateDirectives(schema, Report);

        var cycles = new InputCycleDetector(Report);
        foreach (var type in schema.AllTypes)
        {
            if (!IntrospectionTypes.IsIntrospectionType(type))
            {
                ValidateName(type.Name, type.SyntaxNode, Report);
            }
            switch (type)
            {
                case ObjectType o:
                    ValidateFields(o.Name, o.Fields, type.SyntaxNode, Report);
                    ValidateInterfaces(schema, o, Report);
                    break;
                case InterfaceType i:
                    ValidateFields(i.Name, i.Fields, type.SyntaxNode, Report);
                    ValidateInterfaces(schema, i, Report);
                    break;
                case UnionType u:
                    ValidateUnion(u, Report);
                    break;
                case EnumType e:
                    ValidateEnum(e, Report);
                    break;
                case InputObjectType io:
                    ValidateInputFields(io, Report);
                    cycles.Detect(io);
                    break;
            }
        }
        return errors;
    }

    private delegate void Reporter(string message, params SyntaxNode?[] nodes);

    private static void ValidateDirectives(Schema schema, Reporter report)
    {
        foreach (var d in schema.AllDirectives)
        {
            ValidateName(d.Name, d.SyntaxNode, report);
            if (d.Locations.Count == 0)
            {
                report($"Directive @{d.Name} must include 1 or more locations.", d.SyntaxNode);
            }
            foreach (var arg in d.Arguments)
            {
                ValidateName(arg.Name, arg.SyntaxNode, report);
                if (!arg.Type.IsInputType())
                {
                    report($"The type of @{d.Name}({arg.Name}:) must be Input Type but got: {arg.Type.Print()}.", TypeNodeOf(arg));
                }
                if (IsRequired(arg) && arg.DeprecationReason is not null)
                {
                    report($"Required argument @{d.Name}({arg.Name}:) cannot be deprecated.", DeprecatedNode(arg.AppliedDirectives), TypeNodeOf(arg));
                }
            }
        }
    }

    private static void ValidateName(string name, SyntaxNode? node, Reporter report)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            report($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node);
        }
    }

    private static void ValidateFields(string typeName, FieldCollection<OutputField> fields, SyntaxNode? typeNode, Reporter report)
    {
        if (fields.Count == 0)
        {
            report($"Type {typeName} must define one or more fields.", typeNode);
        }
        foreach (var field in fields)
        {
            ValidateName(field.Name, field.SyntaxNode, report);
            if (!field.Type.IsOutputType())
            {
                report($"The type of {typeName}.{field.Name} must be Output Type but got: {field.Type.Print()}.", (field.SyntaxNode as FieldDefinitionNode)?.Type);
            }
            foreach (var arg in field.Arguments)
            {
                ValidateName(arg.Name, arg.SyntaxNode, report);
                if (!arg.Type.IsInputType())
                {
                    report($"The type of {typeName}.{field.Name}({arg.Name}:) must be Input Type but got: {arg.Type.Print()}.", TypeNodeOf(arg));
                }
                if (IsRequired(arg) && arg.DeprecationReason is not null)
                {
                    report($"Required argument {typeName}.{field.Name}({arg.Name}:) cannot be deprecated.", DeprecatedNode(arg.AppliedDirectives), TypeNodeOf(arg));
                }
            }
        }
    }

    private static void ValidateInterfaces(Schema schema, IComplexOutputType type, Reporter report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var iface in type.Interfaces)
        {
            if (ReferenceEquals(type, iface))
            {
                report($"Type {type.Name} cannot implement itself because it would create a circular reference.", ImplementsNodes(type, iface.Name));
                continue;
            }
            if (!seen.Add(iface.Name))
            {
                report($"Type {type.Name} can only implement {iface.Name} once.", ImplementsNodes(type, iface.Name));
                continue;
            }
            ValidateImplementsAncestors(type, iface, report);
            ValidateImplementsInterface(schema, type, iface, report);
        }
    }

    private static void ValidateImplementsAncestors(IComplexOutputType type, InterfaceType iface, Reporter report)
    {
        foreach (var transitive in iface.Interfaces)
        {
            if (!type.Interfaces.Contains(transitive))
            {
                var message = ReferenceEquals(transitive, type)
                    ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                    : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.";
                report(message, [.. ImplementsNodes(iface, transitive.Name), .. ImplementsNodes(type, iface.Name)]);
            }
        }
    }

    private static void ValidateImplementsInterface(Schema schema, IComplexOutputType type, InterfaceType iface, Reporter report)
    {
        foreach (var ifaceField in iface.Fields)
        {
            var name = ifaceField.Name;
            var typeField = type.Fields[name];
            if (typeField is null)
            {
                report($"Interface field {iface.Name}.{name} expected but {type.Name} does not provide it.", ifaceField.SyntaxNode, (type as NamedType)?.SyntaxNode);
                continue;
            }
            if (!IsTypeSubTypeOf(schema, typeField.Type, ifaceField.Type))
            {
                report(
                    $"Interface field {iface.Name}.{name} expects type {ifaceField.Type.Print()} but {type.Name}.{name} is type {typeField.Type.Print()}.",
                    (ifaceField.SyntaxNode as FieldDefinitionNode)?.Type,
                    (typeField.SyntaxNode as FieldDefinitionNode)?.Type);
            }
            foreach (var ifaceArg in ifaceField.Arguments)
            {
                var typeArg = typeField.Arguments[ifaceArg.Name];
                if (typeArg is null)
                {
                    report($"Interface field argument {iface.Name}.{name}({ifaceArg.Name}:) expected but {type.Name}.{name} does not provide it.", ifaceArg.SyntaxNode, typeField.SyntaxNode);
                    continue;
                }
                if (!ifaceArg.Type.IsEqualType(typeArg.Type))
                {
                    report(
                        $"Interface field argument {iface.Name}.{name}({ifaceArg.Name}:) expects type {ifaceArg.Type.Print()} but {type.Name}.{name}({ifaceArg.Name}:) is type {typeArg.Type.Print()}.",
                        TypeNodeOf(ifaceArg),
                        TypeNodeOf(typeArg));
                }
            }
            foreach (var typeArg in typeField.Arguments)
            {
                if (!ifaceField.Arguments.Contains(typeArg.Name) && IsRequired(typeArg))
                {
                    report($"Object field {type.Name}.{name} includes required argument {typeArg.Name} that is missing from the Interface field {iface.Name}.{name}.", typeArg.SyntaxNode, ifaceField.SyntaxNode);
                }
            }
        }
    }

    /// <summary>Covariant field types: a non-null, a list of subtypes, or a possible type of an abstract type (graphql-js isTypeSubTypeOf).</summary>
    public static bool IsTypeSubTypeOf(Schema schema, IGraphQLType maybeSubType, IGraphQLType superType) =>
        Validation.TypeRelations.IsTypeSubTypeOf(schema, maybeSubType, superType);

    private static void ValidateUnion(UnionType union, Reporter report)
    {
        if (union.Types.Count == 0)
        {
            report($"Union type {union.Name} must define one or more member types.", union.SyntaxNode);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in union.Types)
        {
            if (!seen.Add(member.Name))
            {
                report($"Union type {union.Name} can only include type {member.Name} once.", MemberNodes(union, member.Name));
            }
        }
    }

    private static void ValidateEnum(EnumType e, Reporter report)
    {
        if (e.Values.Count == 0)
        {
            report($"Enum type {e.Name} must define one or more values.", e.SyntaxNode);
        }
        foreach (var v in e.Values)
        {
            ValidateName(v.Name, v.SyntaxNode, report);
            if (v.Name is "true" or "false" or "null")
            {
                report($"Enum type {e.Name} cannot include value: {v.Name}.", v.SyntaxNode);
            }
        }
    }

    private static void ValidateInputFields(InputObjectType io, Reporter report)
    {
        if (io.Fields.Count == 0)
        {
            report($"Input Object type {io.Name} must define one or more fields.", io.SyntaxNode);
        }
        foreach (var field in io.Fields)
        {
            ValidateName(field.Name, field.SyntaxNode, report);
            if (!field.Type.IsInputType())
            {
                report($"The type of {io.Name}.{field.Name} must be Input Type but got: {field.Type.Print()}.", TypeNodeOf(field));
            }
            if (IsRequired(field) && field.DeprecationReason is not null)
            {
                report($"Required input field {io.Name}.{field.Name} cannot be deprecated.", DeprecatedNode(field.AppliedDirectives), TypeNodeOf(field));
            }
            if (io.IsOneOf)
            {
                if (field.Type is NonNullType)
                {
                    report($"OneOf input field {io.Name}.{field.Name} must be nullable.", TypeNodeOf(field));
                }
                if (field.DefaultValue is not null)
                {
                    report($"OneOf input field {io.Name}.{field.Name} cannot have a default value.", field.SyntaxNode);
                }
            }
        }
    }

    /// <summary>
    /// Finds input objects that reference themselves through non-null input object fields only: no finite value
    /// could be given for them. Depth first with an explicit stack, so deeply nested inputs cannot overflow it.
    /// </summary>
    private sealed class InputCycleDetector(Reporter report)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

        public void Detect(InputObjectType root)
        {
            if (_visited.Contains(root.Name)) return;
            var path = new List<InputValue>();
            var indexByType = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<(InputObjectType Type, int FieldIndex)>();
            _visited.Add(root.Name);
            indexByType[root.Name] = 0;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (type, index) = stack.Pop();
                if (index > 0) path.RemoveAt(path.Count - 1);
                var descended = false;
                for (var i = index; i < type.Fields.Count; i++)
                {
                    var field = type.Fields[i];
                    if (field.Type is not NonNullType { OfType: InputObjectType fieldType }) continue;
                    path.Add(field);
                    if (indexByType.TryGetValue(fieldType.Name, out var cycleIndex))
                    {
                        var cycle = path.GetRange(cycleIndex, path.Count - cycleIndex);
                        report(
                            $"Cannot reference Input Object \"{fieldType.Name}\" within itself through a series of non-null fields: \"{string.Join(".", cycle.Select(f => f.Name))}\".",
                            [.. cycle.Select(f => f.SyntaxNode)]);
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }
                    if (!_visited.Add(fieldType.Name))
                    {
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }
                    stack.Push((type, i + 1));
                    indexByType[fieldType.Name] = path.Count;
                    stack.Push((fieldType, 0));
                    descended = true;
                    break;
                }
                if (!descended)
                {
                    indexByType.Remove(type.Name);
                }
            }
        }
    }

    private static bool IsRequired(InputValue value) => value.Type is NonNullType && value.DefaultValue is null;

    private static SyntaxNode? TypeNodeOf(InputValue value) => (value.SyntaxNode as InputValueDefinitionNode)?.Type;

    private static DirectiveNode? DeprecatedNode(IList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            if (d.Name.Value == "deprecated") return d;
        }
        return null;
    }

    private static SyntaxNode?[] ImplementsNodes(IComplexOutputType type, string interfaceName)
    {
        var node = (type as NamedType)?.SyntaxNode;
        var list = node switch
        {
            ObjectTypeDefinitionNode o => o.Interfaces,
            InterfaceTypeDefinitionNode i => i.Interfaces,
            _ => [],
        };
        return [.. list.Where(n => n.Name.Value == interfaceName)];
    }

    private static SyntaxNode?[] MemberNodes(UnionType union, string memberName) =>
        union.SyntaxNode is UnionTypeDefinitionNode u ? [.. u.Types.Where(n => n.Name.Value == memberName)] : [];
}
