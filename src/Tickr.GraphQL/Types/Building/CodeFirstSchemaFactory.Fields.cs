using System.Reflection;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;

namespace Tickr.GraphQL.Types.Building;

internal sealed partial class CodeFirstSchemaFactory
{
    private static readonly HashSet<string> ExcludedMethodNames = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "Dispose", "DisposeAsync",
        "GetEnumerator", "GetAsyncEnumerator", "CompareTo", "Clone", "MemberwiseClone", "Finalize",
    };

    private void AddMembersAsFields(IComplexOutputType target, Type clr, MemberOwner owner, bool subscription)
    {
        foreach (var member in GetFieldMembers(clr, owner, subscription))
        {
            AddField(target, new FieldSource(member, owner, clr, subscription));
        }
    }

    private void AddField(IComplexOutputType target, FieldSource source)
    {
        var field = BuildField(source);
        if (_ignoredFields.TryGetValue(target.Name, out var ignored) && ignored.Contains(field.Name))
        {
            return;
        }
        if (target.Fields.TryGet(field.Name, out var existing))
        {
            var first = _fieldSources.TryGetValue(existing, out var s) ? Where(s.Member) : "another member";
            throw new SchemaBuildException(
                $"The field '{target.Name}.{field.Name}' is defined twice: by {first} and by {Where(source.Member)}. Rename one with [GraphQLName] or hide it with [GraphQLIgnore].");
        }
        target.Fields.Add(field);
        _fieldSources[field] = source;
    }

    /// <summary>
    /// The public properties and methods that become fields, base class members first, overrides replacing
    /// what they override. Static methods count for resolver classes (root types and extensions) only.
    /// </summary>
    private static List<MemberInfo> GetFieldMembers(Type clr, MemberOwner owner, bool subscription)
    {
        var levels = new List<Type>();
        if (clr.IsInterface)
        {
            levels.AddRange(clr.GetInterfaces());
            levels.Add(clr);
        }
        else
        {
            for (var t = clr; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                levels.Insert(0, t);
            }
        }

        var subscribeWith = new HashSet<string>(StringComparer.Ordinal);
        if (subscription)
        {
            foreach (var m in clr.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (m.GetCustomAttribute<SubscribeAttribute>()?.With is { } with)
                {
                    subscribeWith.Add(with);
                }
            }
        }

        var members = new List<MemberInfo>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        if (owner == MemberOwner.Instance)
        {
            flags |= BindingFlags.Static;
        }
        foreach (var level in levels)
        {
            // Declaration order: a property sorts by its getter, whose token sits among the methods'.
            var declared = new List<(int Token, string Key, MemberInfo Member)>();
            foreach (var p in level.GetProperties(flags))
            {
                if (p.GetMethod is not { IsPublic: true } getter || p.GetIndexParameters().Length > 0
                    || p.IsDefined(typeof(GraphQLIgnoreAttribute)) || p.IsDefined(typeof(CompilerGeneratedAttribute)))
                {
                    continue;
                }
                declared.Add((getter.MetadataToken, "P:" + p.Name, p));
            }
            foreach (var m in level.GetMethods(flags))
            {
                if (m.IsSpecialName || m.IsGenericMethodDefinition || m.Name.StartsWith('<')
                    || ExcludedMethodNames.Contains(m.Name) || subscribeWith.Contains(m.Name)
                    || m.IsDefined(typeof(GraphQLIgnoreAttribute)) || m.IsDefined(typeof(CompilerGeneratedAttribute))
                    || m.GetBaseDefinition().DeclaringType == typeof(object))
                {
                    continue;
                }
                var returnType = m.ReturnType;
                if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
                {
                    if (owner == MemberOwner.Instance)
                    {
                        throw new SchemaBuildException(
                            $"The method {Where(m)} returns no value, but a GraphQL field must; return a result (e.g. bool or the changed object) or mark it [GraphQLIgnore].");
                    }
                    continue;
                }
                var key = "M:" + m.Name + "(" + string.Join(",", Array.ConvertAll(m.GetParameters(), p => p.ParameterType.FullName)) + ")";
                declared.Add((m.MetadataToken, key, m));
            }
            declared.Sort(static (a, b) => a.Token.CompareTo(b.Token));
            foreach (var (_, key, member) in declared)
            {
                Put(key, member);
            }
        }
        return members;

        void Put(string key, MemberInfo member)
        {
            if (index.TryGetValue(key, out var i))
            {
                members[i] = member; // override or 'new' member of a derived type
            }
            else
            {
                index[key] = members.Count;
                members.Add(member);
            }
        }
    }

    private OutputField BuildField(FieldSource source)
    {
        var member = source.Member;
        var where = Where(member);
        string name;
        Type returnType;
        NullTree returnInfo;
        MethodInfo? method = null;
        switch (member)
        {
            case PropertyInfo p:
                name = Attr<GraphQLNameAttribute>(p)?.Name ?? NameConventions.ToCamelCase(p.Name);
                returnType = p.PropertyType;
                returnInfo = _nullability.Read(p);
                break;
            case MethodInfo m:
                method = m;
                name = Attr<GraphQLNameAttribute>(m)?.Name ?? NameConventions.MethodFieldName(m.Name);
                returnType = m.ReturnType;
                returnInfo = _nullability.Read(m.ReturnParameter);
                break;
            default:
                throw new SchemaBuildException($"{where} cannot be a field.");
        }
        if (!NameConventions.IsValidName(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new SchemaBuildException($"'{name}' ({where}) is not a valid GraphQL field name.");
        }

        var valueType = TypeShape.UnwrapAsync(returnType, returnInfo, out var valueInfo, out var asyncKind);
        if (asyncKind == AsyncKind.Void)
        {
            throw new SchemaBuildException($"{where} returns no value, but a GraphQL field must.");
        }

        MethodInfo? streamMethod = null;
        Type shapeType = valueType;
        NullTree? shapeInfo = valueInfo;
        var subscribe = member.GetCustomAttribute<SubscribeAttribute>();
        if (subscribe?.With is { } withName)
        {
            if (!source.Subscription)
            {
                throw new SchemaBuildException($"[Subscribe] on {where} is only allowed on the subscription type and its extensions.");
            }
            streamMethod = source.ClassType.GetMethod(withName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                ?? throw new SchemaBuildException($"[Subscribe(With = \"{withName}\")] on {where}: {source.ClassType.FullName} has no public method '{withName}'.");
            StreamElement(streamMethod, out _, out _); // validates the stream method
        }
        else if (TypeShape.GetAsyncStreamElement(valueType) is { } element)
        {
            if (!source.Subscription)
            {
                throw new SchemaBuildException(
                    $"{where} returns a stream (IAsyncEnumerable); streams are only allowed for fields of the subscription type.");
            }
            streamMethod = method;
            StreamElement(method!, out shapeType, out shapeInfo);
        }
        else if (source.Subscription)
        {
            throw new SchemaBuildException(
                $"The subscription field {where} must return IAsyncEnumerable<T> (possibly in a Task/ValueTask) or use [Subscribe(With = ...)].");
        }

        var shape = TypeShape.Create(shapeType, shapeInfo);
        foreach (var provider in AttributeSources(member))
        {
            ApplyNullabilityOverrides(shape, provider);
        }
        var forced = Attr<GraphQLTypeAttribute>(member)?.TypeName;
        var field = new OutputField(name, MapType(shape, input: false, forced, where))
        {
            Description = MemberDescription(member),
            DeprecationReason = MemberDeprecationReason(member),
        };
        field.ContextData["ClrMember"] = member;
        if (Attr<GraphQLCostAttribute>(member) is { } cost)
        {
            field.Cost = cost.Cost;
            if (cost.ListSize >= 0) field.ListSize = cost.ListSize;
            foreach (var a in cost.SlicingArguments) field.SlicingArguments.Add(a);
        }

        List<ParameterBinding>? bindings = null;
        if (method is not null)
        {
            bindings = BindParameters(method, field);
        }
        if (member.GetCustomAttribute<SharedSubscriptionAttribute>() is { } shared)
        {
            if (streamMethod is null)
            {
                throw new SchemaBuildException($"[SharedSubscription] on {where} is only allowed on subscription fields.");
            }
            field.Sharing = SharingOf(shared, where);
        }
        if (streamMethod is not null)
        {
            var streamBindings = streamMethod == method ? bindings! : BindParameters(streamMethod, field);
            field.Subscriber = CompileSubscriber(source, streamMethod, streamBindings);
            field.Resolver = streamMethod == method
                ? Runtime.ResolverResults.Parent
                : CompileResolver(source, method!, bindings, asyncKind);
        }
        else
        {
            field.Resolver = CompileResolver(source, member, bindings, asyncKind);
        }
        return field;
    }

    private static SubscriptionSharing SharingOf(SharedSubscriptionAttribute shared, string where)
    {
        if (shared.Scope is null)
        {
            return SubscriptionSharing.AllSubscribers;
        }
        if (!typeof(ISubscriptionSharingScope).IsAssignableFrom(shared.Scope) || shared.Scope.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new SchemaBuildException(
                $"[SharedSubscription(Scope = typeof({shared.Scope.Name}))] on {where}: the scope type must implement ISubscriptionSharingScope and have a public parameterless constructor.");
        }
        var scope = (ISubscriptionSharingScope)Activator.CreateInstance(shared.Scope)!;
        return new SubscriptionSharing(scope.GetScope);
    }

    /// <summary>The T of a method returning IAsyncEnumerable&lt;T&gt;, Task&lt;IAsyncEnumerable&lt;T&gt;&gt; or ValueTask&lt;...&gt;.</summary>
    private Type StreamElement(MethodInfo method, out Type elementType, out NullTree? elementInfo)
    {
        var info = _nullability.Read(method.ReturnParameter);
        var inner = TypeShape.UnwrapAsync(method.ReturnType, info, out var innerInfo, out var kind);
        if (TypeShape.GetAsyncStreamElement(inner) is not { } element
            || (kind != AsyncKind.None && !(inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))))
        {
            throw new SchemaBuildException(
                $"The subscription stream method {Where(method)} must return IAsyncEnumerable<T>, Task<IAsyncEnumerable<T>> or ValueTask<IAsyncEnumerable<T>>.");
        }
        elementType = element;
        elementInfo = inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
            && innerInfo?.Arguments is [var arg] ? arg : null;
        return inner;
    }

    /// <summary>
    /// The member, then the interface members it implements: attributes and documentation written on an
    /// interface apply to its implementations, so object fields match the interface fields.
    /// </summary>
    private List<MemberInfo> AttributeSources(MemberInfo member)
    {
        if (_attributeSources.TryGetValue(member, out var list))
        {
            return list;
        }
        list = [member];
        var type = member.ReflectedType ?? member.DeclaringType;
        var accessor = member switch
        {
            PropertyInfo p => p.GetMethod,
            MethodInfo m => m,
            _ => null,
        };
        if (type is { IsInterface: false } && accessor is { IsStatic: false })
        {
            foreach (var iface in type.GetInterfaces())
            {
                var map = type.GetInterfaceMap(iface);
                for (var i = 0; i < map.TargetMethods.Length; i++)
                {
                    var target = map.TargetMethods[i];
                    if (target.MetadataToken != accessor.MetadataToken || target.Module != accessor.Module)
                    {
                        continue;
                    }
                    var implemented = map.InterfaceMethods[i];
                    if (member is PropertyInfo)
                    {
                        foreach (var ip in iface.GetProperties())
                        {
                            if (ip.GetMethod == implemented) list.Add(ip);
                        }
                    }
                    else
                    {
                        list.Add(implemented);
                    }
                }
            }
        }
        _attributeSources[member] = list;
        return list;
    }

    private T? Attr<T>(MemberInfo member) where T : Attribute
    {
        foreach (var source in AttributeSources(member))
        {
            if (source.GetCustomAttribute<T>() is { } a) return a;
        }
        return null;
    }

    private string? MemberDescription(MemberInfo member)
    {
        var sources = AttributeSources(member);
        foreach (var source in sources)
        {
            if (source.GetCustomAttribute<GraphQLDescriptionAttribute>() is { } a) return a.Description;
        }
        foreach (var source in sources)
        {
            if (_xml?.GetSummary(source) is { } summary) return summary;
        }
        return null;
    }

    private string? MemberDeprecationReason(MemberInfo member)
    {
        foreach (var source in AttributeSources(member))
        {
            if (DeprecationReason(source) is { } reason) return reason;
        }
        return null;
    }

    private static void ApplyNullabilityOverrides(TypeShape shape, ICustomAttributeProvider provider)
    {
        foreach (var a in provider.GetCustomAttributes(true))
        {
            switch (a)
            {
                case GraphQLNonNullAttribute nn when nn.Levels.Count > 0:
                    shape.WithNullability(nn.Levels);
                    break;
                case GraphQLNonNullAttribute:
                    shape.SetNullable(false);
                    break;
                case GraphQLNullableAttribute:
                    shape.SetNullable(true);
                    break;
            }
        }
    }

    /// <summary>Classifies each parameter (injected or GraphQL argument) and adds the arguments to the field.</summary>
    private List<ParameterBinding> BindParameters(MethodInfo method, OutputField field)
    {
        var bindings = new List<ParameterBinding>();
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            if (t.IsByRef || p.IsOut)
            {
                throw new SchemaBuildException($"The {Where(p)} is passed by reference, which resolvers do not support.");
            }
            if (t == typeof(IResolverContext)) bindings.Add(new(p, ParameterKind.Context, null));
            else if (t == typeof(CancellationToken)) bindings.Add(new(p, ParameterKind.CancellationToken, null));
            else if (t == typeof(IServiceProvider)) bindings.Add(new(p, ParameterKind.Services, null));
            else if (p.IsDefined(typeof(ParentAttribute), false)) bindings.Add(new(p, ParameterKind.Parent, null));
            else if (p.IsDefined(typeof(ServiceAttribute), false)) bindings.Add(new(p, ParameterKind.Service, null));
            else if (typeof(IDataLoader).IsAssignableFrom(t))
            {
                if (!t.IsClass)
                {
                    throw new SchemaBuildException($"The DataLoader {Where(p)} must be declared with a class type, not {t}.");
                }
                bindings.Add(new(p, ParameterKind.DataLoader, null));
            }
            else
            {
                var argument = BuildArgument(p);
                if (field.Arguments.TryGet(argument.Name, out var existing))
                {
                    if (!existing.Type.IsEqualType(argument.Type))
                    {
                        throw new SchemaBuildException($"The argument '{argument.Name}' of field '{field.Name}' is declared twice with different types ({Where(p)}).");
                    }
                }
                else
                {
                    field.Arguments.Add(argument);
                }
                bindings.Add(new(p, ParameterKind.Argument, argument.Name));
            }
        }
        return bindings;
    }

    private InputValue BuildArgument(ParameterInfo p)
    {
        var where = Where(p);
        var name = p.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? NameConventions.ToCamelCase(p.Name!);
        if (!NameConventions.IsValidName(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new SchemaBuildException($"'{name}' ({where}) is not a valid GraphQL argument name.");
        }
        var shape = TypeShape.Create(p.ParameterType, _nullability.Read(p));
        ApplyNullabilityOverrides(shape, p);
        var type = MapType(shape, input: true, p.GetCustomAttribute<GraphQLTypeAttribute>()?.TypeName, where);
        var argument = new InputValue(name, type)
        {
            Description = Description(p),
            DeprecationReason = DeprecationReason(p),
            RuntimeName = p.Name,
        };
        if (p.HasDefaultValue)
        {
            argument.DefaultValue = ToLiteral(NormalizeDefault(p.DefaultValue, p.ParameterType), type, where);
        }
        return argument;
    }

    /// <summary>Parameter defaults of enum type come back as their underlying number.</summary>
    private static object? NormalizeDefault(object? value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (value is not null && t.IsEnum && !t.IsInstanceOfType(value))
        {
            return Enum.ToObject(t, value);
        }
        return value;
    }

    private enum ParameterKind
    {
        Context,
        CancellationToken,
        Services,
        Parent,
        Service,
        DataLoader,
        Argument,
    }

    private sealed record ParameterBinding(ParameterInfo Parameter, ParameterKind Kind, string? ArgumentName);
}
