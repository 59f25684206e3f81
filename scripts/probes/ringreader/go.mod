module ringreader

go 1.26
