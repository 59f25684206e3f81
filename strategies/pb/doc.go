// Package pb holds the protobuf types of framebench's protobuf and vtproto
// codecs, generated from framebench.proto by protoc with protoc-gen-go
// (framebench.pb.go) and protoc-gen-go-vtproto (framebench_vtproto.pb.go:
// MarshalVT, UnmarshalVT and SizeVT, planetscale/vtprotobuf). The generated
// code is committed; regenerate it after editing the schema with
//
//	go generate ./strategies/pb
//
// which needs protoc on PATH (Debian: apt-get install protobuf-compiler;
// the committed code is from protoc 3.21.12). The two plugins are built
// from the versions in go.mod, into .bin here, and removed afterwards.
package pb

//go:generate go build -o .bin/ google.golang.org/protobuf/cmd/protoc-gen-go github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto
//go:generate protoc --plugin=protoc-gen-go=.bin/protoc-gen-go --plugin=protoc-gen-go-vtproto=.bin/protoc-gen-go-vtproto --go_out=. --go_opt=paths=source_relative --go-vtproto_out=. --go-vtproto_opt=paths=source_relative,features=marshal+unmarshal+size framebench.proto
//go:generate rm -r .bin
