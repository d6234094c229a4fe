# cmake -DIN=file -DOUT=file.inc -P embed_text.cmake: writes IN's text as a C++ raw string
# literal (for #include inside an initialiser). The delimiter must not occur in IN.
file(READ ${IN} _text)
string(FIND "${_text}" ")MLTEXT\"" _clash)
if(NOT _clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )MLTEXT\"")
endif()
file(WRITE ${OUT} "R\"MLTEXT(${_text})MLTEXT\"\n")
