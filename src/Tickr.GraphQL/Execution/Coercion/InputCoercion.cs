using System.Collections;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// Input coercion (spec §3.5 / §3.10 input coercion, §6.4.1 CoerceVariableValues and CoerceArgumentValues):
/// turns literals from the document and JSON-like variable values into the runtime values resolvers receive.
/// Scalars decide through <see cref="ScalarType.TryParseLiteral"/> / <see cref="ScalarType.TryParseValue"/>,
/// enums map names to <see cref="EnumValue.Value"/>, input objects become a field map (or whatever
/// <see cref="InputObjectType.CreateRuntimeValue"/> makes of it) and lists become <c>object?[]</c>.
/// </summary>
public static class InputCoercion
{
    private const int MaxErrorsPerVariable = 50;

    /// <summary>Builds the type a type reference in a document denotes; null when a named type is unknown.</summary>
    public static IGraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode n => schema.GetType(n.Name.Value),
        ListTypeNode l => TypeFromAst(schema, l.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nn => TypeFromAst(schema, nn.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        _ => null,
    };

    /// <summary>
    /// CoerceVariableValues (§6.4.1): coerces the request's raw variables against the operation's variable
    /// definitions. Returns the coerced map; <paramref name="errors"/> is non-null when any variable was refused
    /// (the operation must then not execute).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> CoerceVariableValues(
        Schema schema,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? inputs,
        out IReadOnlyList<GraphQLError>? errors)
    {
        errors = null;
        var definitions = operation.VariableDefinitions;
        if (definitions.Count == 0)
        {
            return OrderedMap.Empty;
        }

        List<GraphQLError>? errorList = null;
        var coerced = new OrderedMap(definitions.Count);
        foreach (var definition in definitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType())
            {
                (errorList ??= []).Add(new GraphQLError(
                    $"Variable \"${name}\" expected value of type \"{PrintType(definition.Type)}\" which cannot be used as an input type.",
                    GraphQLError.At(definition.Type), code: ErrorCodes.BadUserInput));
                continue;
            }

            object? value = null;
            var hasValue = inputs is not null && inputs.TryGetValue(name, out value);
            if (!hasValue && definition.DefaultValue is not null)
            {
                if (TryValueFromAst(definition.DefaultValue, type, null, out var defaultValue))
                {
                    coerced.Set(name, defaultValue);
                }
                else
                {
                    (errorList ??= []).Add(new GraphQLError(
                        $"Variable \"${name}\" has invalid default value {Utilities.LiteralPrinter.Print(definition.DefaultValue)}.",
                        GraphQLError.At(definition.DefaultValue), code: ErrorCodes.BadUserInput));
                }
                continue;
            }

            if (type is NonNullType && (!hasValue || value is null))
            {
                var message = hasValue
                    ? $"Variable \"${name}\" of non-null type \"{type}\" must not be null."
                    : $"Variable \"${name}\" of required type \"{type}\" was not provided.";
                (errorList ??= []).Add(new GraphQLError(message, GraphQLError.At(definition), code: ErrorCodes.BadUserInput));
                continue;
            }

            if (!hasValue)
            {
                continue;
            }
            if (value is null)
            {
                coerced.Set(name, null);
                continue;
            }

            var coercer = new ExternalValueCoercer();
            var result = coercer.Coerce(value, type);
            if (coercer.Failures is { } failures)
            {
                foreach (var (path, invalid, detail) in failures)
                {
                    var at = path.Length > 0 ? $" at \"{name}{path}\"" : "";
                    (errorList ??= []).Add(new GraphQLError(
                        $"Variable \"${name}\" got invalid value {Utilities.JsFormat.Inspect(invalid)}{at}; {detail}",
                        GraphQLError.At(definition), code: ErrorCodes.BadUserInput));
                }
                continue;
            }
            coerced.Set(name, result);
        }

        errors = errorList;
        return coerced;
    }

    /// <summary>
    /// Coerces a JSON-like external value (as in variables) to <paramref name="type"/>. Returns false with a
    /// message describing the first problem when the value is not acceptable.
    /// </summary>
    public static bool TryCoerceInputValue(object? value, IGraphQLType type, out object? coerced, out string? error)
    {
        var coercer = new ExternalValueCoercer();
        coerced = coercer.Coerce(value, type);
        if (coercer.Failures is { } failures)
        {
            var (path, _, detail) = failures[0];
            error = path.Length > 0 ? $"At \"value{path}\": {detail}" : detail;
            coerced = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>
    /// CoerceArgumentValues (§6.4.1) for a field or directive: literals are coerced, variables are taken from the
    /// already coerced <paramref name="variables"/>, absent arguments fall back to their default.
    /// </summary>
    public static bool TryCoerceArgumentValues(
        FieldCollection<InputValue> definitions,
        IReadOnlyList<ArgumentNode> arguments,
        IReadOnlyDictionary<string, object?>? variables,
        SyntaxNode? owner,
        out IReadOnlyDictionary<string, object?> values,
        out GraphQLError? error)
    {
        error = null;
        if (definitions.Count == 0)
        {
            values = OrderedMap.Empty;
            return true;
        }

        var coerced = new OrderedMap(definitions.Count);
        values = coerced;
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var type = definition.Type;
            ArgumentNode? argument = null;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (string.Equals(arguments[i].Name.Value, name, StringComparison.Ordinal))
                {
                    argument = arguments[i];
                    break;
                }
            }

            var hasValue = argument is not null;
            object? variableValue = null;
            var isVariable = false;
            if (argument?.Value is VariableNode variable)
            {
                isVariable = true;
                hasValue = variables is not null && variables.TryGetValue(variable.Name.Value, out variableValue);
            }

            if (!hasValue && definition.DefaultValue is not null)
            {
                if (!TryValueFromAst(definition.DefaultValue, type, null, out var defaultValue))
                {
                    error = new GraphQLError(
                        $"Argument \"{name}\" has invalid default value {Utilities.LiteralPrinter.Print(definition.DefaultValue)}.",
                        GraphQLError.At(owner), code: ErrorCodes.BadUserInput);
                    return false;
                }
                coerced.Set(name, defaultValue);
                continue;
            }

            if (type is NonNullType)
            {
                if (!hasValue)
                {
                    error = isVariable
                        ? new GraphQLError(
                            $"Argument \"{name}\" of required type \"{type}\" was provided the variable \"${((VariableNode)argument!.Value).Name.Value}\" which was not provided a runtime value.",
                            GraphQLError.At(argument.Value), code: ErrorCodes.BadUserInput)
                        : new GraphQLError(
                            $"Argument \"{name}\" of required type \"{type}\" was not provided.",
                            GraphQLError.At(owner), code: ErrorCodes.BadUserInput);
                    return false;
                }
                if ((isVariable && variableValue is null) || argument!.Value is NullValueNode)
                {
                    error = new GraphQLError(
                        $"Argument \"{name}\" of non-null type \"{type}\" must not be null.",
                        GraphQLError.At(argument!.Value), code: ErrorCodes.BadUserInput);
                    return false;
                }
            }

            if (!hasValue)
            {
                continue;
            }
            if (isVariable)
            {
                coerced.Set(name, variableValue);
                continue;
            }

            if (!TryValueFromAst(argument!.Value, type, variables, out var value))
            {
                error = new GraphQLError(
                    $"Argument \"{name}\" has invalid value {Utilities.LiteralPrinter.Print(argument.Value)}.",
                    GraphQLError.At(argument.Value), code: ErrorCodes.BadUserInput);
                return false;
            }
            coerced.Set(name, value);
        }
        return true;
    }

    /// <summary>
    /// Literal input coercion (valueFromAST): coerces a literal from the document, whose variables are looked up in
    /// the coerced <paramref name="variables"/>. False when the literal is invalid for the type.
    /// </summary>
    public static bool TryValueFromAst(ValueNode node, IGraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
        => TryValueFromAst(node, type, variables, out value, 0);

    private static bool TryValueFromAst(ValueNode node, IGraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value, int depth)
    {
        value = null;
        if (depth > 256)
        {
            return false;
        }

        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
            {
                return false;
            }
            if (variableValue is null && type is NonNullType)
            {
                return false;
            }
            value = variableValue;
            return true;
        }

        if (type is NonNullType nonNull)
        {
            return node is not NullValueNode && TryValueFromAst(node, nonNull.OfType, variables, out value, depth + 1);
        }

        if (node is NullValueNode)
        {
            return true;
        }

        switch (type)
        {
            case ListType list:
            {
                if (node is ListValueNode listNode)
                {
                    var items = listNode.Values;
                    var result = items.Count == 0 ? [] : new object?[items.Count];
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (IsMissingVariable(items[i], variables))
                        {
                            if (list.OfType is NonNullType) return false;
                            continue;
                        }
                        if (!TryValueFromAst(items[i], list.OfType, variables, out result[i], depth + 1)) return false;
                    }
                    value = result;
                    return true;
                }
                if (!TryValueFromAst(node, list.OfType, variables, out var single, depth + 1)) return false;
                value = new[] { single };
                return true;
            }

            case InputObjectType inputObject:
            {
                if (node is not ObjectValueNode objectNode) return false;
                var fieldNodes = objectNode.Fields;
                for (var i = 0; i < fieldNodes.Count; i++)
                {
                    if (!inputObject.Fields.Contains(fieldNodes[i].Name.Value)) return false;
                }

                var map = new OrderedMap(Math.Min(inputObject.Fields.Count, Math.Max(fieldNodes.Count, 1)));
                foreach (var field in inputObject.Fields)
                {
                    ObjectFieldNode? fieldNode = null;
                    for (var i = 0; i < fieldNodes.Count; i++)
                    {
                        if (string.Equals(fieldNodes[i].Name.Value, field.Name, StringComparison.Ordinal))
                        {
                            fieldNode = fieldNodes[i];
                            break;
                        }
                    }
                    if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
                    {
                        if (field.DefaultValue is not null)
                        {
                            if (!TryValueFromAst(field.DefaultValue, field.Type, null, out var defaultValue, depth + 1)) return false;
                            map.Set(field.Name, defaultValue);
                        }
                        else if (field.Type is NonNullType)
                        {
                            return false;
                        }
                        continue;
                    }
                    if (!TryValueFromAst(fieldNode.Value, field.Type, variables, out var fieldValue, depth + 1)) return false;
                    map.Set(field.Name, fieldValue);
                }

                if (inputObject.IsOneOf)
                {
                    if (map.Count != 1) return false;
                    foreach (var entry in map)
                    {
                        if (entry.Value is null) return false;
                    }
                }
                return TryCreateRuntimeValue(inputObject, map, out value, out _);
            }

            case EnumType enumType:
                if (node is EnumValueNode enumNode && enumType.Values[enumNode.Value] is { } enumValue)
                {
                    value = enumValue.Value;
                    return true;
                }
                return false;

            case ScalarType scalar:
                try
                {
                    return scalar.TryParseLiteral(node, out value);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    value = null;
                    return false;
                }

            default:
                return false;
        }
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));

    internal static bool TryCreateRuntimeValue(InputObjectType type, OrderedMap map, out object? value, out string? error)
    {
        error = null;
        if (type.CreateRuntimeValue is not { } create)
        {
            value = map;
            return true;
        }
        try
        {
            value = create(map);
            return true;
        }
        catch (GraphQLException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = $"Could not create a value of type \"{type.Name}\": {ex.Message}";
        }
        value = null;
        return false;
    }

    internal static string PrintType(TypeNode node) => node switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + PrintType(l.Type) + "]",
        NonNullTypeNode nn => PrintType(nn.Type) + "!",
        _ => "?",
    };

    /// <summary>Coerces JSON-like external values, collecting every problem with the path where it occurred.</summary>
    private sealed class ExternalValueCoercer
    {
        private readonly List<object> _path = [];

        public List<(string Path, object? Invalid, string Message)>? Failures { get; private set; }

        public object? Coerce(object? value, IGraphQLType type)
        {
            if (_path.Count > 256)
            {
                Fail(value, "Input value is nested too deeply.");
                return null;
            }

            if (type is NonNullType nonNull)
            {
                if (value is null)
                {
                    Fail(value, $"Expected non-nullable type \"{type}\" not to be null.");
                    return null;
                }
                return Coerce(value, nonNull.OfType);
            }
            if (value is null)
            {
                return null;
            }

            switch (type)
            {
                case ListType list:
                    if (value is IEnumerable enumerable and not string and not IReadOnlyDictionary<string, object?> and not IDictionary)
                    {
                        var items = new List<object?>(value is ICollection c ? c.Count : 4);
                        var index = 0;
                        foreach (var item in enumerable)
                        {
                            _path.Add(index++);
                            items.Add(Coerce(item, list.OfType));
                            _path.RemoveAt(_path.Count - 1);
                        }
                        return items.ToArray();
                    }
                    return new[] { Coerce(value, list.OfType) };

                case InputObjectType inputObject:
                    return CoerceObject(value, inputObject);

                case EnumType enumType:
                    if (value is string name)
                    {
                        if (enumType.Values[name] is { } enumValue) return enumValue.Value;
                        Fail(value, $"Value \"{name}\" does not exist in \"{enumType.Name}\" enum.");
                        return null;
                    }
                    Fail(value, $"Enum \"{enumType.Name}\" cannot represent non-string value: {Utilities.JsFormat.Inspect(value)}.");
                    return null;

                case ScalarType scalar:
                    try
                    {
                        if (scalar.TryParseValue(value, out var parsed)) return parsed;
                        Fail(value, scalar.DescribeValueError(value));
                    }
                    catch (GraphQLException ex)
                    {
                        Fail(value, ex.Message);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        Fail(value, scalar.DescribeValueError(value));
                    }
                    return null;

                default:
                    Fail(value, $"Expected an input type, found \"{type}\".");
                    return null;
            }
        }

        private object? CoerceObject(object value, InputObjectType type)
        {
            IReadOnlyDictionary<string, object?>? fields = value as IReadOnlyDictionary<string, object?>;
            if (fields is null && value is IDictionary<string, object?> mutable)
            {
                fields = mutable.AsReadOnly();
            }
            if (fields is null)
            {
                Fail(value, $"Expected type \"{type.Name}\" to be an object.");
                return null;
            }

            var map = new OrderedMap(type.Fields.Count);
            foreach (var field in type.Fields)
            {
                if (fields.TryGetValue(field.Name, out var fieldValue))
                {
                    _path.Add(field.Name);
                    var coerced = Coerce(fieldValue, field.Type);
                    _path.RemoveAt(_path.Count - 1);
                    map.Set(field.Name, coerced);
                    continue;
                }
                if (field.DefaultValue is not null)
                {
                    if (TryValueFromAst(field.DefaultValue, field.Type, null, out var defaultValue))
                    {
                        map.Set(field.Name, defaultValue);
                    }
                    else
                    {
                        Fail(value, $"Field \"{field.Name}\" of type \"{type.Name}\" has an invalid default value.");
                    }
                    continue;
                }
                if (field.Type is NonNullType)
                {
                    Fail(value, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                }
            }

            foreach (var key in fields.Keys)
            {
                if (!type.Fields.Contains(key))
                {
                    Fail(value, $"Field \"{key}\" is not defined by type \"{type.Name}\".");
                }
            }

            if (type.IsOneOf)
            {
                if (fields.Count != 1)
                {
                    Fail(value, $"Exactly one key must be specified for OneOf type \"{type.Name}\".");
                }
                else
                {
                    foreach (var (key, v) in fields)
                    {
                        if (v is null) Fail(value, $"Field \"{key}\" must be non-null.");
                    }
                }
            }

            if (Failures is not null)
            {
                return null;
            }
            if (!TryCreateRuntimeValue(type, map, out var result, out var error))
            {
                Fail(value, error!);
                return null;
            }
            return result;
        }

        private void Fail(object? invalid, string message)
        {
            Failures ??= [];
            if (Failures.Count >= MaxErrorsPerVariable)
            {
                return;
            }
            var path = new System.Text.StringBuilder();
            foreach (var segment in _path)
            {
                if (segment is int i) path.Append('[').Append(i).Append(']');
                else path.Append('.').Append(segment);
            }
            Failures.Add((path.ToString(), invalid, message));
        }
    }
}
