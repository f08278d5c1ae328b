namespace Polo.Web.Operations;

/// <summary>The app must not start; the message is the one line printed before exiting with a non-zero code.</summary>
public sealed class StartupRefusedException(string message) : Exception(message)
{
    /// <summary>Prints "Polo cannot start: …" to stderr and returns the exit code (1).</summary>
    public int Report()
    {
        Console.Error.WriteLine($"Polo cannot start: {Message}");
        return 1;
    }
}
