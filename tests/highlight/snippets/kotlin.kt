package com.example.notes

import kotlinx.coroutines.delay
import java.time.Instant

/** A note with an optional tag. */
data class Note(val id: Long, val text: String, val tag: String? = null)

sealed interface Event {
    object Cleared : Event
    data class Added(val note: Note) : Event
}

class NoteStore(private val limit: Int = 100) {
    private val notes = mutableListOf<Note>()
    var listener: ((Event) -> Unit)? = null

    fun add(text: String, tag: String? = null): Note {
        require(text.isNotBlank()) { "text must not be blank" }
        val note = Note(notes.size.toLong() + 1, text.trim(), tag)
        if (notes.size >= limit) notes.removeAt(0)
        notes += note
        listener?.invoke(Event.Added(note))
        return note
    }

    fun byTag(tag: String): List<Note> = notes.filter { it.tag == tag }

    suspend fun sync(): Int {
        delay(100L)
        return when (notes.size) {
            0 -> 0
            in 1..9 -> 1
            else -> notes.size / 10
        }
    }

    override fun toString() = "NoteStore(${notes.size} notes, at ${Instant.now()})"
}

fun main() {
    val store = NoteStore(limit = 3)
    store.listener = { e -> println("event: $e") }
    store.add("buy milk", tag = "home")
    val hex = 0xFF
    val ratio = 1.5e2
    val c = 'k'
    println(store.byTag("home").map { it.text } + listOf(hex, ratio, c, true, null))
}
