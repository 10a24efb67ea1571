using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Tessera.Tests.Architecture;

/// <summary>
/// Every <c>[LoggerMessage]</c> of the server has its own event id (each module numbers within its range, docs/architecture.md
/// "Log event ids"), so a log query by event id finds one message, never two modules' messages under one number.
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_logger_message_event_id_is_used_once_across_the_assembly()
    {
        var messages = LoggerMessages().ToList();
        Assert.NotEmpty(messages);
        var duplicates = messages.GroupBy(message => message.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Where))}")
            .ToList();
        Assert.True(duplicates.Count == 0, "Event ids used more than once:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Every_logger_message_names_an_event_id()
    {
        var unnamed = LoggerMessages().Where(message => message.EventId <= 0).Select(message => message.Where).ToList();
        Assert.True(unnamed.Count == 0, "[LoggerMessage] without an EventId: " + string.Join(", ", unnamed));
    }

    private static IEnumerable<(int EventId, string Where)> LoggerMessages() =>
        from type in typeof(Tessera.Hosting.TesseraApp).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (attribute.EventId, $"{type.FullName}.{method.Name}");
}
