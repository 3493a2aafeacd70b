using System.Collections.Concurrent;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// Orleans' attribute provider, with the answer (or the naming convention's, which Orleans would fall back to) kept per
/// interface. Without it every <c>GetGrain</c> formats the interface's type name anew: measured, a tenth of a silo's CPU
/// while webhooks are created. Generic interfaces are left to Orleans, which completes their parameters itself.
/// </summary>
public sealed class CachedGrainInterfaceTypeProvider(IServiceProvider services, TypeConverter typeConverter) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _types = new();
    private readonly AttributeGrainInterfaceTypeProvider _attributes = new(services);
    private readonly GrainInterfaceTypeResolver _convention = new([], typeConverter);

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        if (type.IsGenericType)
        {
            return _attributes.TryGetGrainInterfaceType(type, out grainInterfaceType);
        }
        grainInterfaceType = _types.GetOrAdd(type, static (type, self) =>
            self._attributes.TryGetGrainInterfaceType(type, out var attributed) ? attributed : self._convention.GetGrainInterfaceTypeByConvention(type), this);
        return true;
    }
}
