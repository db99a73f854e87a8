using System.Linq.Expressions;
using System.Reflection;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building.Runtime;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Resolver compilation: each field's member access becomes one expression tree compiled to a
/// <see cref="FieldResolver"/>, so a call costs a delegate invocation plus the member call itself.
/// </summary>
internal sealed partial class CodeFirstSchemaFactory
{
    private static readonly PropertyInfo ParentProperty = typeof(IResolverContext).GetProperty(nameof(IResolverContext.Parent))!;
    private static readonly PropertyInfo ServicesProperty = typeof(IResolverContext).GetProperty(nameof(IResolverContext.Services))!;
    private static readonly PropertyInfo CancellationProperty = typeof(IResolverContext).GetProperty(nameof(IResolverContext.CancellationToken))!;
    private static readonly ConstructorInfo ValueTaskOfObject = typeof(ValueTask<object?>).GetConstructor([typeof(object)])!;

    private static MethodInfo Helper(string name, params Type[] typeArguments) =>
        typeof(ResolverResults).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(typeArguments);

    private FieldResolver CompileResolver(FieldSource source, MemberInfo member, List<ParameterBinding>? bindings, AsyncKind asyncKind)
    {
        if (asyncKind == AsyncKind.None && source.Owner == MemberOwner.Parent && member is PropertyInfo { GetMethod.IsStatic: false } property)
        {
            // A plain read of the parent: the executor calls the compiled getter directly (see ParentMemberResolver).
            try
            {
                return ParentMemberResolver.Create(property, $"resolve_{member.DeclaringType?.Name}_{member.Name}");
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new SchemaBuildException($"The resolver for {Where(member)} cannot be compiled: {e.Message}", e);
            }
        }
        var context = Expression.Parameter(typeof(IResolverContext), "context");
        var value = CallMember(source, member, bindings, context);
        var resultType = value.Type;
        Expression body = asyncKind switch
        {
            AsyncKind.Task => Expression.Call(Helper(nameof(ResolverResults.FromTask), resultType.GetGenericArguments()[0]), value),
            AsyncKind.ValueTask => Expression.Call(Helper(nameof(ResolverResults.FromValueTask), resultType.GetGenericArguments()[0]), value),
            _ => Expression.New(ValueTaskOfObject, ParentMemberResolver.ToObject(value)),
        };
        return Compile<FieldResolver>(body, context, member);
    }

    private SubscribeResolver CompileSubscriber(FieldSource source, MethodInfo streamMethod, List<ParameterBinding> bindings)
    {
        var context = Expression.Parameter(typeof(IResolverContext), "context");
        var value = CallMember(source, streamMethod, bindings, context);
        var stream = StreamElement(streamMethod, out var element, out _);
        var streamInterface = typeof(IAsyncEnumerable<>).MakeGenericType(element);
        var type = streamMethod.ReturnType;
        Expression body;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            body = Expression.Call(Helper(nameof(ResolverResults.FromStreamTask), element), value);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            body = Expression.Call(Helper(nameof(ResolverResults.FromStreamValueTask), element), value);
        }
        else
        {
            var asInterface = stream == streamInterface ? value : Expression.Convert(value, streamInterface);
            body = Expression.Call(Helper(nameof(ResolverResults.FromStream), element), asInterface);
        }
        return Compile<SubscribeResolver>(body, context, streamMethod);
    }

    private static TDelegate Compile<TDelegate>(Expression body, ParameterExpression context, MemberInfo member) where TDelegate : Delegate
    {
        try
        {
            return Expression.Lambda<TDelegate>(body, $"resolve_{member.DeclaringType?.Name}_{member.Name}", [context]).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new SchemaBuildException($"The resolver for {Where(member)} cannot be compiled: {e.Message}", e);
        }
    }

    /// <summary>The member access (property read or method call) with every parameter bound.</summary>
    private Expression CallMember(FieldSource source, MemberInfo member, List<ParameterBinding>? bindings, ParameterExpression context)
    {
        switch (member)
        {
            case PropertyInfo p:
                return Expression.Property(p.GetMethod!.IsStatic ? null : Instance(source, p.DeclaringType!, context), p);
            case MethodInfo m:
                var args = new Expression[bindings!.Count];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = BindParameter(bindings[i], context);
                }
                return Expression.Call(m.IsStatic ? null : Instance(source, m.DeclaringType!, context), m, args);
            default:
                throw new SchemaBuildException($"{Where(member)} cannot be a field.");
        }
    }

    private Expression Instance(FieldSource source, Type declaringType, ParameterExpression context)
    {
        if (source.Owner == MemberOwner.Parent)
        {
            return Expression.Convert(Expression.Property(context, ParentProperty), declaringType);
        }
        var holder = ResolverInstanceFor(source.ClassType);
        var get = holder.GetType().GetMethod("Get")!;
        Expression instance = Expression.Call(Expression.Constant(holder), get, context);
        return instance.Type == declaringType ? instance : Expression.Convert(instance, declaringType);
    }

    /// <summary>One <see cref="ResolverInstance{T}"/> per resolver class and schema.</summary>
    private object ResolverInstanceFor(Type classType)
    {
        if (!_resolverInstances.TryGetValue(classType, out var holder))
        {
            if (!classType.IsClass)
            {
                throw new SchemaBuildException($"The resolver type {classType.FullName} must be a class.");
            }
            holder = Activator.CreateInstance(typeof(ResolverInstance<>).MakeGenericType(classType))!;
            _resolverInstances[classType] = holder;
        }
        return holder;
    }

    private static Expression BindParameter(ParameterBinding binding, ParameterExpression context)
    {
        var p = binding.Parameter;
        var t = p.ParameterType;
        switch (binding.Kind)
        {
            case ParameterKind.Context:
                return context;
            case ParameterKind.CancellationToken:
                return Expression.Property(context, CancellationProperty);
            case ParameterKind.Services:
                return Expression.Property(context, ServicesProperty);
            case ParameterKind.Parent:
                return Expression.Convert(Expression.Property(context, ParentProperty), t);
            case ParameterKind.Service:
                var required = !t.IsValueType && new NullabilityInfoContext().Create(p).ReadState == NullabilityState.NotNull && !p.HasDefaultValue;
                return Expression.Call(Helper(required ? nameof(ResolverResults.GetRequiredService) : nameof(ResolverResults.GetOptionalService), t), context);
            case ParameterKind.DataLoader:
                return Expression.Call(
                    typeof(DataLoaderAccessor<>).MakeGenericType(t).GetMethod("Get", BindingFlags.Public | BindingFlags.Static)!,
                    context);
            default:
                var name = Expression.Constant(binding.ArgumentName);
                if (p.HasDefaultValue)
                {
                    var fallback = NormalizeDefault(p.DefaultValue, t);
                    Expression defaultExpression = fallback is null
                        ? Expression.Default(t)
                        : Expression.Constant(ValueConverter.ConvertTo(fallback, t), t);
                    return Expression.Call(Helper(nameof(ResolverResults.ArgumentOrDefault), t), context, name, defaultExpression);
                }
                return Expression.Call(Helper(nameof(ResolverResults.Argument), t), context, name);
        }
    }
}
