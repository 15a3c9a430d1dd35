namespace Mobilitet.Workflows.RegisterImports;

/// <summary>Where an import is: started (an attempt is under way or died), or completed with its report kept.</summary>
public enum RegisterImportStatus
{
    Started,
    Completed,
}
