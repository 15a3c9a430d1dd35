using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Mobilitet.Local.Engine;

/// <summary>What the engine proxies do to pass a call on: invoke it on the real object, rethrowing its own exception.</summary>
internal static class ProxiedCall
{
    public static object? Invoke(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            // The caller (the sidecar) must see the provider's exception, not reflection's wrapper.
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
