// Package pb holds the protobuf types of framebench's protobuf codec,
// generated from framebench.proto by protoc and protoc-gen-go. The generated
// code is committed; regenerate it after editing the schema with
//
//	go generate ./strategies/pb
//
// which needs protoc (e.g. apt-get install protobuf-compiler) and
// protoc-gen-go (go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12)
// on PATH. Keep protoc-gen-go at the version of google.golang.org/protobuf in
// go.mod.
package pb

//go:generate protoc --go_out=. --go_opt=paths=source_relative framebench.proto
