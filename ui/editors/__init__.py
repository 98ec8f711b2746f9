"""What the household, project and training editors share: one window per record, drafts kept while
editing, the "discard changes?" question on closing, and the "save anyway?" question for warnings."""
