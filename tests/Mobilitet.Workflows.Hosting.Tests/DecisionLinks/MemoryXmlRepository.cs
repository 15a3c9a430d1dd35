using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Mobilitet.Workflows.Hosting.Tests.DecisionLinks;

/// <summary>A Data Protection key ring in memory that tests can share between providers and read.</summary>
internal sealed class MemoryXmlRepository : IXmlRepository
{
    private readonly List<XElement> elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (elements)
        {
            return elements.Select(element => new XElement(element)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (elements)
        {
            elements.Add(new XElement(element));
        }
    }
}
