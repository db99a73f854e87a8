using System.Reflection;

namespace Tickr.GraphQL.Types.Building;

internal sealed partial class CodeFirstSchemaFactory
{
    /// <summary>CLR types with a built-in scalar, by scalar name (resolved against <see cref="BuiltInScalars"/>).</summary>
    private static readonly (Type Clr, string Scalar)[] BuiltInBindings =
    [
        (typeof(string), "String"),
        (typeof(bool), "Boolean"),
        (typeof(int), "Int"),
        (typeof(short), "Int"),
        (typeof(ushort), "Int"),
        (typeof(byte), "Int"),
        (typeof(sbyte), "Int"),
        (typeof(long), "Long"),
        (typeof(uint), "Long"),
        (typeof(float), "Float"),
        (typeof(double), "Float"),
        (typeof(decimal), "Decimal"),
        (typeof(Guid), "UUID"),
        (typeof(DateTimeOffset), "DateTime"),
        (typeof(DateTime), "DateTime"),
        (typeof(DateOnly), "Date"),
        (typeof(Uri), "URL"),
    ];

    private readonly Dictionary<string, ScalarType> _scalarsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, ScalarType> _customScalarsByClr = [];
    private readonly Dictionary<Type, string> _builtInScalarNames = [];

    private void InitializeScalars()
    {
        foreach (var s in BuiltInScalars.All)
        {
            _scalarsByName[s.Name] = s;
        }
        foreach (var (clr, name) in BuiltInBindings)
        {
            _builtInScalarNames[clr] = name;
        }
        foreach (var (scalar, clr) in _builder.Scalars)
        {
            _scalarsByName[scalar.Name] = scalar;
            if (clr is not null)
            {
                _customScalarsByClr[Nullable.GetUnderlyingType(clr) ?? clr] = scalar;
            }
        }
    }

    private ScalarType? FindScalar(Type clr)
    {
        if (_customScalarsByClr.TryGetValue(clr, out var custom))
        {
            return custom;
        }
        if (_builtInScalarNames.TryGetValue(clr, out var name))
        {
            if (_scalarsByName.TryGetValue(name, out var builtIn))
            {
                return builtIn;
            }
            throw new SchemaBuildException($"The built-in scalar '{name}' for {clr} is not available; register one with AddScalar.");
        }
        return null;
    }

    private ScalarType UseScalar(ScalarType scalar, string where)
    {
        if (!_names.ContainsKey(scalar.Name))
        {
            RegisterName(scalar, $"the scalar {scalar.Name}");
        }
        else if (!ReferenceEquals(_names[scalar.Name].Type, scalar))
        {
            throw new SchemaBuildException(
                $"The scalar '{scalar.Name}' used by {where} clashes with {_names[scalar.Name].Origin}.");
        }
        return scalar;
    }

    /// <summary>Turns a CLR shape into a GraphQL type reference, creating the named types it needs.</summary>
    private IGraphQLType MapType(TypeShape shape, bool input, string? forcedName, string where)
    {
        IGraphQLType type;
        if (shape.Element is { } element)
        {
            type = new ListType(MapType(element, input, forcedName, where));
        }
        else if (forcedName is not null)
        {
            type = ForcedType(forcedName, input, where);
        }
        else
        {
            type = input ? GetInputType(shape.Type, where) : GetOutputType(shape.Type, where);
        }
        return shape.IsNullable ? type : new NonNullType(type);
    }

    private NamedType ForcedType(string name, bool input, string where)
    {
        if (_scalarsByName.TryGetValue(name, out var scalar))
        {
            return UseScalar(scalar, where);
        }
        if (_names.TryGetValue(name, out var existing) && (input ? existing.Type.IsInputType() : existing.Type.IsOutputType()))
        {
            return existing.Type;
        }
        throw new SchemaBuildException($"[GraphQLType(\"{name}\")] on {where} names no known scalar or {(input ? "input" : "output")} type.");
    }

    private NamedType GetOutputType(Type clr, string where)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (_output.TryGetValue(clr, out var known))
        {
            return known;
        }
        if (FindScalar(clr) is { } scalar)
        {
            return _output[clr] = UseScalar(scalar, where);
        }
        if (clr.IsEnum)
        {
            return CreateEnum(clr);
        }
        CheckSupported(clr, where, input: false);
        if (clr.IsInterface && clr.IsDefined(typeof(UnionTypeAttribute), false))
        {
            return CreateUnion(clr);
        }
        if (clr.IsInterface || (clr.IsAbstract && !clr.IsSealed) || clr.IsDefined(typeof(InterfaceTypeAttribute), false))
        {
            return CreateInterface(clr);
        }
        if (clr.IsAbstract)
        {
            throw new SchemaBuildException($"The static class {clr.FullName} (used by {where}) cannot be a GraphQL type.");
        }
        return CreateObject(clr);
    }

    private NamedType GetInputType(Type clr, string where)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (_input.TryGetValue(clr, out var known))
        {
            return known;
        }
        if (FindScalar(clr) is { } scalar)
        {
            return _input[clr] = UseScalar(scalar, where);
        }
        if (clr.IsEnum)
        {
            return CreateEnum(clr);
        }
        CheckSupported(clr, where, input: true);
        if (clr.IsInterface || clr.IsAbstract)
        {
            throw new SchemaBuildException(
                $"{clr.FullName} (used by {where}) is an interface or abstract class and cannot be an input type; use a concrete class or a [OneOf] input.");
        }
        return CreateInputObject(clr);
    }

    private static void CheckSupported(Type clr, string where, bool input)
    {
        var kind = input ? "input" : "output";
        if (clr == typeof(object) || clr == typeof(void) || clr.IsPointer || clr.IsByRef || clr.ContainsGenericParameters
            || typeof(Delegate).IsAssignableFrom(clr) || typeof(Task).IsAssignableFrom(clr))
        {
            throw new SchemaBuildException($"{where} uses {clr}, which has no GraphQL {kind} type.");
        }
        if (TypeShape.TryGetListElement(clr, out _) || IsDictionary(clr))
        {
            throw new SchemaBuildException($"{where} uses {clr}, which has no GraphQL {kind} type (dictionaries and multi-dimensional arrays are not supported).");
        }
        if (clr.Assembly == typeof(object).Assembly || clr.Namespace is "System" || (clr.Namespace?.StartsWith("System.", StringComparison.Ordinal) ?? false)
            || clr.Assembly == typeof(Schema).Assembly)
        {
            throw new SchemaBuildException(
                $"{where} uses {clr}, which has no GraphQL {kind} type; bind a scalar to it with AddScalar(scalar, typeof({clr.Name})).");
        }
    }

    private static bool IsDictionary(Type t)
    {
        foreach (var i in t.GetInterfaces())
        {
            if (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            {
                return true;
            }
        }
        return typeof(System.Collections.IDictionary).IsAssignableFrom(t);
    }

    /// <summary>
    /// The GraphQL name of a CLR type: <c>[GraphQLName]</c>, else the CLR name; generic types prefix their
    /// arguments (<c>Connection&lt;Event&gt;</c> → <c>EventConnection</c>); interfaces lose a leading <c>I</c>.
    /// </summary>
    private string TypeName(Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr.GetCustomAttribute<GraphQLNameAttribute>(false) is { } n) return n.Name;
        if (clr.GetCustomAttribute<UnionTypeAttribute>(false)?.Name is { } un) return un;
        if (clr.GetCustomAttribute<InterfaceTypeAttribute>(false)?.Name is { } iname) return iname;
        var name = clr.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (clr.IsInterface && _options.StripInterfacePrefix && name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }
        if (clr.IsGenericType)
        {
            var prefix = "";
            foreach (var arg in clr.GetGenericArguments())
            {
                prefix += GenericArgumentName(arg);
            }
            name = prefix + name;
        }
        return name;
    }

    private string GenericArgumentName(Type arg)
    {
        arg = Nullable.GetUnderlyingType(arg) ?? arg;
        if (_customScalarsByClr.TryGetValue(arg, out var s)) return s.Name;
        if (_builtInScalarNames.TryGetValue(arg, out var builtIn)) return builtIn;
        if (TypeShape.TryGetListElement(arg, out var element)) return GenericArgumentName(element) + "List";
        return TypeName(arg);
    }

    private EnumType CreateEnum(Type clr)
    {
        var type = new EnumType(TypeName(clr)) { RuntimeType = clr, Description = Description(clr) };
        RegisterName(type, $"the enum {clr.FullName}");
        _output[clr] = type;
        _input[clr] = type;
        foreach (var field in clr.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsDefined(typeof(GraphQLIgnoreAttribute)))
            {
                continue;
            }
            var name = field.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? NameConventions.ToUpperSnakeCase(field.Name);
            if (!NameConventions.IsValidName(name) || name is "true" or "false" or "null")
            {
                throw new SchemaBuildException($"'{name}' ({Where(field)}) is not a valid GraphQL enum value name.");
            }
            if (type.Values.Contains(name))
            {
                throw new SchemaBuildException($"The enum value name '{name}' is used twice in {clr.FullName} (second: {field.Name}).");
            }
            type.AddValue(new EnumValue(name, field.GetValue(null))
            {
                Description = Description(field),
                DeprecationReason = DeprecationReason(field),
            });
        }
        if (type.Values.Count == 0)
        {
            throw new SchemaBuildException($"The enum {clr.FullName} has no values.");
        }
        return type;
    }

    private ObjectType CreateObject(Type clr)
    {
        var type = new ObjectType(TypeName(clr)) { RuntimeType = clr, Description = Description(clr) };
        RegisterName(type, $"the class {clr.FullName}");
        _output[clr] = type;
        _objects.Add(type);
        _work.Enqueue(() => AddMembersAsFields(type, clr, MemberOwner.Parent, subscription: false));
        return type;
    }

    private InterfaceType CreateInterface(Type clr)
    {
        var type = new InterfaceType(TypeName(clr)) { RuntimeType = clr, Description = Description(clr) };
        RegisterName(type, $"the interface {clr.FullName}");
        _output[clr] = type;
        _interfaces.Add(type);
        _work.Enqueue(() => AddMembersAsFields(type, clr, MemberOwner.Parent, subscription: false));
        return type;
    }

    private UnionType CreateUnion(Type marker)
    {
        var type = new UnionType(TypeName(marker)) { RuntimeType = marker, Description = Description(marker) };
        RegisterName(type, $"the union {marker.FullName}");
        _output[marker] = type;
        _unions.Add((type, marker));
        // The marker's own assembly is searched for members; classes elsewhere join when registered or reachable.
        foreach (var t in LoadableTypes(marker.Assembly))
        {
            if (t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && marker.IsAssignableFrom(t)
                && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            {
                var where = $"the union {marker.FullName}";
                _work.Enqueue(() => GetOutputType(t, where));
            }
        }
        return type;
    }

    private static Type[] LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var list = new List<Type>();
            foreach (var t in e.Types)
            {
                if (t is not null) list.Add(t);
            }
            return [.. list];
        }
    }
}
