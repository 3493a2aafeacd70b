using System.Reflection;
using System.Text;

namespace Qase.Webhooks.Tests.Contracts;

/// <summary>
/// The shape of the public grain contract as another cluster's code and the Orleans serializer see it:
/// every public type with its alias, every grain method with its alias and attributes, every serialized
/// member with its id. Names and ids are what callers and stored messages bind to.
/// </summary>
public static class ContractShape
{
    public static string Of(Assembly assembly)
    {
        var text = new StringBuilder();
        // The serializer's generated codecs are public too, but they are made anew from the types below.
        var contract = assembly.GetExportedTypes().Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true);
        foreach (var type in contract.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type)).Append(Alias(type)).AppendLine();
            foreach (var line in Members(type).Order(StringComparer.Ordinal))
            {
                // Each member names its type, so that a difference reads on its own.
                text.Append(Name(type)).Append(" :: ").AppendLine(line);
            }
        }
        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            return Enum.GetNames(type).Select(name => $"{name} = {Convert.ToInt64(Enum.Parse(type, name))}");
        }
        if (type.IsInterface)
        {
            return type.GetMethods(declared).Select(m => $"{Attributes(m)}{Signature(m)}{Alias(m)}");
        }
        var properties = type.GetProperties(declared).Select(p => $"{Id(p)}{Name(p.PropertyType)} {p.Name}");
        var fields = type.GetFields(declared).Where(f => !f.IsSpecialName).Select(f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}");
        var methods = type.GetMethods(declared)
            .Where(m => !m.IsSpecialName && m.DeclaringType == type && !IsCompilerMade(m))
            .Select(m => (m.IsStatic ? "static " : "") + Signature(m));
        var constructors = type.GetConstructors().Select(c => $"new({Parameters(c)})");
        return properties.Concat(fields).Concat(methods).Concat(constructors);
    }

    private static bool IsCompilerMade(MethodInfo method) =>
        method.Name is "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "Deconstruct" or "<Clone>$"
        || method.Name.StartsWith("op_", StringComparison.Ordinal);

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
        : type.GetMethod("<Clone>$") is not null ? "record" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Signature(MethodInfo method) => $"{Name(method.ReturnType)} {method.Name}({Parameters(method)})";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Attributes(MemberInfo member) =>
        string.Concat(member.GetCustomAttributes().Select(a => a.GetType().Name)
            .Where(n => n is "OneWayAttribute" or "AlwaysInterleaveAttribute" or "ReadOnlyAttribute")
            .Order(StringComparer.Ordinal).Select(n => $"[{n[..^"Attribute".Length]}] "));

    private static string Alias(MemberInfo member) =>
        member.GetCustomAttribute<AliasAttribute>() is { } alias ? $" alias \"{alias.Alias}\"" : "";

    private static string Id(PropertyInfo property) =>
        property.GetCustomAttribute<IdAttribute>() is { } id ? $"[{id.Id}] " : "";

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }
        var name = type.GetGenericTypeDefinition().FullName!;
        return $"{name[..name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
