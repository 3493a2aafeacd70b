using Microsoft.Extensions.Options;

namespace Qase.Webhooks.Hosting;

/// <summary>Tells configuration mistakes apart from other start-up failures, so they can be reported in one line.</summary>
public static class StartupFailure
{
    /// <summary>Runs a process's main; a bad configuration value ends it with exit code 1 and one line naming the key, not a stack trace.</summary>
    public static async Task<int> Run(Func<Task<int>> main)
    {
        try
        {
            return await main();
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            Console.Error.WriteLine($"Configuration error: {Describe(ex)}");
            return 1;
        }
    }

    public static bool IsConfigurationError(Exception ex) => ex switch
    {
        OptionsValidationException => true,
        // The configuration binder's "Failed to convert configuration value at 'Delivery:Timeout' ..."
        InvalidOperationException { Message: var message } => message.Contains("configuration value", StringComparison.OrdinalIgnoreCase),
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsConfigurationError),
        _ => false,
    };

    public static string Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Where(IsConfigurationError).Select(Describe)),
        _ => ex.Message,
    };
}
