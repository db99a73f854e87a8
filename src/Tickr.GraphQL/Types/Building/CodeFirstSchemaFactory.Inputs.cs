using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types.Building.Runtime;

namespace Tickr.GraphQL.Types.Building;

/// <summary>Input object types: fields from constructor parameters and settable properties, a compiled factory, default literals.</summary>
internal sealed partial class CodeFirstSchemaFactory
{
    private InputObjectType CreateInputObject(Type clr)
    {
        var type = new InputObjectType(TypeName(clr))
        {
            RuntimeType = clr,
            Description = Description(clr),
            IsOneOf = clr.IsDefined(typeof(OneOfAttribute), false),
        };
        RegisterName(type, $"the input class {clr.FullName}");
        _input[clr] = type;
        _work.Enqueue(() => FillInputObject(type, clr));
        return type;
    }

    private void FillInputObject(InputObjectType type, Type clr)
    {
        var ctor = ChooseConstructor(clr);
        var ctorParameters = ctor?.GetParameters() ?? [];
        var bound = new List<(PropertyInfo Property, ParameterInfo? Parameter, InputValue Field)>();
        foreach (var property in GetInputProperties(clr))
        {
            ParameterInfo? parameter = null;
            foreach (var cp in ctorParameters)
            {
                if (string.Equals(cp.Name, property.Name, StringComparison.OrdinalIgnoreCase))
                {
                    parameter = cp;
                    break;
                }
            }
            if (parameter is null && property.SetMethod is not { IsPublic: true })
            {
                continue; // computed, get-only property: not part of the input
            }
            var field = BuildInputField(type, property, parameter);
            if (type.Fields.Contains(field.Name))
            {
                throw new SchemaBuildException($"The input field '{type.Name}.{field.Name}' is defined twice ({Where(property)}).");
            }
            type.Fields.Add(field);
            bound.Add((property, parameter, field));
        }

        var factory = CompileInputFactory(clr, ctor, ctorParameters, bound);
        type.CreateRuntimeValue = factory;
        ValueConverter.InputFactories[clr] = factory;
    }

    private InputValue BuildInputField(InputObjectType owner, PropertyInfo property, ParameterInfo? parameter)
    {
        var where = Where(property);
        var name = property.GetCustomAttribute<GraphQLNameAttribute>()?.Name
            ?? parameter?.GetCustomAttribute<GraphQLNameAttribute>()?.Name
            ?? NameConventions.ToCamelCase(property.Name);
        if (!NameConventions.IsValidName(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new SchemaBuildException($"'{name}' ({where}) is not a valid GraphQL input field name.");
        }
        var shape = TypeShape.Create(property.PropertyType, _nullability.Read(property));
        ApplyNullabilityOverrides(shape, property);
        if (parameter is not null)
        {
            ApplyNullabilityOverrides(shape, parameter);
        }
        if (owner.IsOneOf)
        {
            shape.SetNullable(true); // every OneOf field is nullable; exactly one is given
        }
        var forced = property.GetCustomAttribute<GraphQLTypeAttribute>()?.TypeName ?? parameter?.GetCustomAttribute<GraphQLTypeAttribute>()?.TypeName;
        var type = MapType(shape, input: true, forced, where);
        var field = new InputValue(name, type)
        {
            Description = property.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description
                ?? parameter?.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description
                ?? _xml?.GetSummary(property)
                ?? (parameter is null ? null : _xml?.GetSummary(parameter)),
            DeprecationReason = DeprecationReason(property) ?? (parameter is null ? null : DeprecationReason(parameter)),
            RuntimeName = property.Name,
        };
        if (!owner.IsOneOf)
        {
            if (parameter is { HasDefaultValue: true })
            {
                field.DefaultValue = ToLiteral(NormalizeDefault(parameter.DefaultValue, parameter.ParameterType), type, where);
            }
            else if (property.GetCustomAttribute<DefaultValueAttribute>() is { } dv)
            {
                field.DefaultValue = ToLiteral(NormalizeDefault(dv.Value, property.PropertyType), type, where);
            }
        }
        return field;
    }

    private static List<PropertyInfo> GetInputProperties(Type clr)
    {
        var levels = new List<Type>();
        for (var t = clr; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            levels.Insert(0, t);
        }
        var list = new List<PropertyInfo>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            foreach (var p in level.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.GetMethod is not { IsPublic: true } || p.GetIndexParameters().Length > 0
                    || p.IsDefined(typeof(GraphQLIgnoreAttribute))
                    || p.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
                {
                    continue;
                }
                if (index.TryGetValue(p.Name, out var i))
                {
                    list[i] = p;
                }
                else
                {
                    index[p.Name] = list.Count;
                    list.Add(p);
                }
            }
        }
        return list;
    }

    /// <summary>
    /// The constructor used to create input values: the public one with the most parameters that all match
    /// properties by name (records' primary constructors), or the parameterless one. Null for structs without one.
    /// </summary>
    private static ConstructorInfo? ChooseConstructor(Type clr)
    {
        ConstructorInfo? best = null;
        foreach (var c in clr.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            var ok = true;
            foreach (var p in c.GetParameters())
            {
                if (clr.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null)
                {
                    ok = false;
                    break;
                }
            }
            if (ok && (best is null || c.GetParameters().Length > best.GetParameters().Length))
            {
                best = c;
            }
        }
        if (best is null && !clr.IsValueType)
        {
            throw new SchemaBuildException(
                $"The input class {clr.FullName} needs a public parameterless constructor or one whose parameters match its properties by name.");
        }
        return best;
    }

    /// <summary>
    /// Compiles <c>map =&gt; new T(ctorArgs) { settable properties present in map }</c>. Absent fields keep the
    /// constructor default or the property initializer.
    /// </summary>
    private static Func<IReadOnlyDictionary<string, object?>, object> CompileInputFactory(
        Type clr,
        ConstructorInfo? ctor,
        ParameterInfo[] ctorParameters,
        List<(PropertyInfo Property, ParameterInfo? Parameter, InputValue Field)> bound)
    {
        var map = Expression.Parameter(typeof(IReadOnlyDictionary<string, object?>), "map");
        var value = Expression.Variable(typeof(object), "value");
        var instance = Expression.Variable(clr, "instance");
        var tryGet = typeof(IReadOnlyDictionary<string, object?>).GetMethod(nameof(IReadOnlyDictionary<string, object?>.TryGetValue))!;

        Expression Convert(Type target) =>
            Expression.Call(typeof(ValueConverter<>).MakeGenericType(target).GetMethod("Convert")!, value);

        var body = new List<Expression>();
        if (ctor is null)
        {
            body.Add(Expression.Assign(instance, Expression.New(clr)));
        }
        else
        {
            var args = new Expression[ctorParameters.Length];
            for (var i = 0; i < args.Length; i++)
            {
                var cp = ctorParameters[i];
                string? fieldName = null;
                foreach (var b in bound)
                {
                    if (b.Parameter == cp) fieldName = b.Field.Name;
                }
                var fallback = NormalizeDefault(cp.HasDefaultValue ? cp.DefaultValue : null, cp.ParameterType);
                Expression defaultExpression = fallback is null
                    ? Expression.Default(cp.ParameterType)
                    : Expression.Constant(ValueConverter.ConvertTo(fallback, cp.ParameterType), cp.ParameterType);
                args[i] = fieldName is null
                    ? defaultExpression
                    : Expression.Condition(
                        Expression.Call(map, tryGet, Expression.Constant(fieldName), value),
                        Convert(cp.ParameterType),
                        defaultExpression);
            }
            body.Add(Expression.Assign(instance, Expression.New(ctor, args)));
        }
        foreach (var (property, parameter, field) in bound)
        {
            if (parameter is not null)
            {
                continue;
            }
            body.Add(Expression.IfThen(
                Expression.Call(map, tryGet, Expression.Constant(field.Name), value),
                Expression.Assign(Expression.Property(instance, property), Convert(property.PropertyType))));
        }
        body.Add(Expression.Convert(instance, typeof(object)));
        var lambda = Expression.Lambda<Func<IReadOnlyDictionary<string, object?>, object>>(
            Expression.Block([value, instance], body), $"create_{clr.Name}", [map]);
        return lambda.Compile();
    }

    /// <summary>A CLR default value as a GraphQL literal of <paramref name="type"/> (introspection's defaultValue).</summary>
    private ValueNode ToLiteral(object? value, IGraphQLType type, string where)
    {
        if (value is null)
        {
            return NullValueNode.Instance;
        }
        switch (type)
        {
            case NonNullType nn:
                return ToLiteral(value, nn.OfType, where);
            case ListType list:
                if (value is IEnumerable items and not string)
                {
                    var values = new List<ValueNode>();
                    foreach (var item in items)
                    {
                        values.Add(ToLiteral(item, list.OfType, where));
                    }
                    return new ListValueNode { Values = values };
                }
                return ToLiteral(value, list.OfType, where);
            case EnumType e:
                return e.FindByRuntimeValue(value) is { } ev
                    ? new EnumValueNode { Value = ev.Name }
                    : throw new SchemaBuildException($"The default value '{value}' of {where} is not a value of the enum {e.Name}.");
            case InputObjectType io:
                var fields = new List<ObjectFieldNode>();
                foreach (var f in io.Fields)
                {
                    if (f.RuntimeName is null) continue;
                    var p = value.GetType().GetProperty(f.RuntimeName);
                    if (p is null) continue;
                    fields.Add(new ObjectFieldNode { Name = new NameNode(f.Name), Value = ToLiteral(p.GetValue(value), f.Type, where) });
                }
                return new ObjectValueNode { Fields = fields };
            case ScalarType s:
                try
                {
                    return s.ValueToLiteral(ScalarRuntimeValue(s, value));
                }
                catch (Exception ex) when (ex is not SchemaBuildException)
                {
                    throw new SchemaBuildException($"The default value '{value}' of {where} cannot be written as a {s.Name} literal: {ex.Message}", ex);
                }
            default:
                throw new SchemaBuildException($"{where} has a default value for a non-input type.");
        }
    }

    /// <summary>C# defaults come in the parameter's CLR type; scalars expect their canonical runtime type.</summary>
    private static object ScalarRuntimeValue(ScalarType scalar, object value) => scalar.Name switch
    {
        "Int" when value is IConvertible and not string => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "Long" when value is IConvertible and not string => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "Float" when value is IConvertible and not string => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "Decimal" when value is IConvertible and not string => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => value,
    };
}
